import type { Page } from '@playwright/test';
import { DEFAULT_PICTURE } from '../../src/sim/media/synthetic-camera';
import { chinaMsOfDay, clockDifferenceMs, type ClockReader } from './clock-reader';
import {
  armFirstFrame,
  firstFrameMarks,
  playbackQuality,
  readPageMeter,
  sampleClocks,
  startPageMeter,
  type FirstFrameMarks,
  type PageMeterReading,
  type PlaybackQuality,
} from './page-probes';
import { GroupCpuMeter, type GroupCpu, type ProcessGroup } from './process-cpu';

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** One open, from the click (or the bare page's start) to the first frame, in ms from the start. */
export interface FirstFrameRound {
  camera: string;
  /** The product's detail panel shown; null on the bare page. */
  panelMs: number | null;
  /** The first `<video>` on the page (the product's card rendering its player); null on the bare page. */
  videoMs: number | null;
  /** The player's WebSocket made: the play URL is in the page. */
  socketMs: number;
  /** Its first message: the first media the page receives. */
  firstMessageMs: number;
  /** The first frame presented (`requestVideoFrameCallback`). */
  firstFrameMs: number;
  /** The first frame counted by polling `getVideoPlaybackQuality()` each animation frame: a cross-check. */
  countedMs: number | null;
  /** `video.source` and `video.open` to the desktop's core: sent, answered (product only). */
  sourceCallMs: [number, number | null] | null;
  openCallMs: [number, number | null] | null;
  /** The gateway's open (the media server starting the camera until it publishes), timed in the benchmark. */
  gatewayOpenMs: number | null;
}

/**
 * Times one open on `page`: arms the page's probes, runs `start` (a click on the map, or the bare page's own
 * start), and waits for the first frame. Every time is the page's own (`performance.now()`), from the start.
 */
export async function timeFirstFrame(
  page: Page,
  camera: string,
  start: () => Promise<void>,
  gatewayOpens: () => number | null,
  panel: string | null,
): Promise<FirstFrameRound> {
  await page.evaluate(armFirstFrame, panel);
  await start();
  await page.waitForFunction(
    () => {
      const state = (window as unknown as { __benchVideo: FirstFrameMarks }).__benchVideo;
      return state.firstFrameAt !== null && state.firstCountedAt !== null;
    },
    null,
    { timeout: 30_000, polling: 100 },
  );
  const marks = await page.evaluate(firstFrameMarks);
  const from = (at: number | null) => (at === null ? null : at - marks.startAt!);
  return {
    camera,
    panelMs: from(marks.panelAt),
    videoMs: from(marks.videoAt),
    socketMs: from(marks.socketAt)!,
    firstMessageMs: from(marks.firstMessageAt)!,
    firstFrameMs: from(marks.firstFrameAt)!,
    countedMs: from(marks.firstCountedAt),
    sourceCallMs: marks.sourceCall && [from(marks.sourceCall[0])!, from(marks.sourceCall[1])],
    openCallMs: marks.openCall && [from(marks.openCall[0])!, from(marks.openCall[1])],
    gatewayOpenMs: gatewayOpens(),
  };
}

export interface LatencyResult {
  /** Glass-to-glass, ms: when the frame is shown minus the time burnt into it, both China time. */
  latencies: number[];
  /** Frames whose clock could not be read, or read as a time that cannot be (see `readLatencies`). */
  rejected: string[];
  /** The player's buffer past its playhead at each frame read, ms. */
  bufferedAheadMs: number[];
  /** The clock reader's worst digit margin over the frames read (1 = perfect, 0 = a tie). */
  worstMargin: number;
}

/** The clock can be read as this much ahead of the screen before the reading is called wrong. */
const AHEAD_TOLERANCE_MS = 50;
/** No live picture is this late; a reading that says so misread a digit. */
const LATEST_PLAUSIBLE_MS = 60_000;

export async function measureLatency(
  page: Page,
  reader: ClockReader,
  count: number,
  intervalMs: number,
): Promise<LatencyResult> {
  const samples = await page.evaluate(sampleClocks, {
    count,
    intervalMs,
    window: reader.window,
    timeoutMs: 30_000 + count * intervalMs * 2,
  });
  const result: LatencyResult = { latencies: [], bufferedAheadMs: [], rejected: [], worstMargin: 1 };
  for (const sample of samples) {
    if (sample.width !== DEFAULT_PICTURE.width || sample.height !== DEFAULT_PICTURE.height) {
      result.rejected.push(`a ${sample.width}×${sample.height} frame`);
      continue;
    }
    const reading = reader.read(new Uint8Array(Buffer.from(sample.luma, 'base64')));
    if (!reading.ok) {
      result.rejected.push(reading.reason);
      continue;
    }
    const latency = clockDifferenceMs(chinaMsOfDay(sample.shownAt), reading.msOfDay);
    if (latency < -AHEAD_TOLERANCE_MS || latency > LATEST_PLAUSIBLE_MS) {
      result.rejected.push(`read ${reading.text}, ${Math.round(latency)} ms from the screen's time`);
      continue;
    }
    result.latencies.push(latency);
    result.bufferedAheadMs.push(sample.bufferedAheadMs);
    result.worstMargin = Math.min(result.worstMargin, reading.margin);
  }
  return result;
}

export interface SteadyState {
  cpu: GroupCpu;
  streams: number;
  /** The page's own span between its two readings of the players. */
  seconds: number;
  /** How long the page took to answer the last reading (a starved main thread answers late), s. */
  answerSeconds: number;
  page: PageMeterReading;
  /** Frames decoded over the window, all streams. */
  frames: number;
  dropped: number;
  /** Media time played per wall second, per stream (1 = real time). */
  playbackRates: number[];
  /** How far each player's buffer reached past its playhead at the end, s. */
  bufferedAhead: number[];
}

/** CPU per process group and every video's frames over `seconds` of steady playing. */
export async function measureSteadyState(
  page: Page,
  groups: Record<string, ProcessGroup>,
  seconds: number,
): Promise<SteadyState> {
  const before: PlaybackQuality[] = await page.evaluate(playbackQuality);
  await page.evaluate(startPageMeter);
  const meter = new GroupCpuMeter(groups);
  await sleep(seconds * 1000);
  const cpu = meter.finish();
  const asked = performance.now();
  const after: PlaybackQuality[] = await page.evaluate(playbackQuality);
  const answerSeconds = (performance.now() - asked) / 1000;
  const pageMeter = await page.evaluate(readPageMeter);
  // The frames are counted between the page's own two readings, on its own clock.
  const wall = ((after[0]?.at ?? 0) - (before[0]?.at ?? 0)) / 1000 || cpu.seconds;
  let frames = 0;
  let dropped = 0;
  after.forEach((end, index) => {
    frames += end.total - (before[index]?.total ?? 0);
    dropped += end.dropped - (before[index]?.dropped ?? 0);
  });
  return {
    cpu,
    streams: after.length,
    seconds: wall,
    answerSeconds,
    page: pageMeter,
    frames,
    dropped,
    playbackRates: after.map((end, index) => (end.currentTime - (before[index]?.currentTime ?? 0)) / wall),
    bufferedAhead: after.map((end) => end.bufferedAhead),
  };
}
