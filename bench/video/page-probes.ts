/**
 * What runs inside the pages, the product's and the bare player's alike: serialised by Playwright, so only
 * what the page itself has is used here, and the same code measures both.
 */

interface SocketMarks {
  url: string;
  createdAt: number;
  openAt: number | null;
  firstMessageAt: number | null;
}

/** One call of the desktop's video API (`video.source`, `video.open`…) over the core's socket. */
interface ApiCallMarks {
  id: number;
  method: string;
  sentAt: number;
  answeredAt: number | null;
}

interface VideoProbeState {
  /** The last click's time (`performance.now()` scale); on the bare page, when its open was asked for. */
  startAt: number | null;
  sockets: SocketMarks[];
  calls: ApiCallMarks[];
  /** The first element matching the armed selector (the product's detail panel). */
  panelAt: number | null;
  videoAt: number | null;
  firstFrameAt: number | null;
  /** The same frame found by polling the decoded-frame count each animation frame: a cross-check. */
  firstCountedAt: number | null;
  watching: boolean;
}

type ProbeWindow = Window & { __benchVideo?: VideoProbeState };

/**
 * Init script: stamps every click (capture phase, so before the page's own handlers), every media
 * WebSocket's creation, opening and first message (the player reads FLV over a WebSocket, so its first
 * message is the first media the page receives), and each video call the page makes to the desktop's core
 * over the browser shell's socket (`/api/ws`) with its answer.
 */
export function installVideoProbes(): void {
  const page = window as ProbeWindow;
  const state: VideoProbeState = {
    startAt: null,
    sockets: [],
    calls: [],
    panelAt: null,
    videoAt: null,
    firstFrameAt: null,
    firstCountedAt: null,
    watching: false,
  };
  page.__benchVideo = state;
  document.addEventListener('click', () => (state.startAt = performance.now()), true);
  const Native = window.WebSocket;
  class StampedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (String(url).includes('/api/ws')) {
        this.stampVideoCalls();
        return;
      }
      if (!String(url).includes('/live/')) return;
      const marks: SocketMarks = {
        url: String(url).replace(/\?.*$/, ''),
        createdAt: performance.now(),
        openAt: null,
        firstMessageAt: null,
      };
      state.sockets.push(marks);
      this.addEventListener('open', () => (marks.openAt = performance.now()), { once: true });
      this.addEventListener('message', () => (marks.firstMessageAt = performance.now()), { once: true });
    }

    private stampVideoCalls(): void {
      const send = this.send.bind(this);
      this.send = (data) => {
        if (typeof data === 'string' && data.includes('"video.')) {
          const call = JSON.parse(data) as { type?: string; id?: number; method?: string };
          if (call.type === 'call' && typeof call.id === 'number')
            state.calls.push({
              id: call.id,
              method: String(call.method),
              sentAt: performance.now(),
              answeredAt: null,
            });
        }
        send(data);
      };
      this.addEventListener('message', (event: MessageEvent) => {
        const pending = state.calls.filter((call) => call.answeredAt === null);
        if (pending.length === 0 || typeof event.data !== 'string' || !event.data.includes('"result"'))
          return;
        const answer = JSON.parse(event.data) as { type?: string; id?: number };
        const call = pending.find((candidate) => candidate.id === answer.id);
        if (answer.type === 'result' && call) call.answeredAt = performance.now();
      });
    }
  }
  window.WebSocket = StampedWebSocket;
}

/**
 * Arms the first-frame watch: from now on the first element matching `panel` and the first `<video>` to
 * appear are stamped, and so is the first frame any video presents (`requestVideoFrameCallback`, which fires
 * as a decoded frame is handed to the compositor). The start is the next click, or what the bare page stamps
 * itself.
 */
export function armFirstFrame(panel: string | null): void {
  const state = (window as ProbeWindow).__benchVideo!;
  Object.assign(state, {
    startAt: null,
    sockets: [],
    calls: [],
    panelAt: null,
    videoAt: null,
    firstFrameAt: null,
    firstCountedAt: null,
  });
  state.watching = true;
  const watched = new WeakSet<HTMLVideoElement>();
  const look = () => {
    if (!state.watching) return;
    if (panel && state.startAt !== null && state.panelAt === null && document.querySelector(panel))
      state.panelAt = performance.now();
    for (const video of document.querySelectorAll('video')) {
      if (
        state.firstCountedAt === null &&
        video.getVideoPlaybackQuality().totalVideoFrames > 0 &&
        state.startAt !== null
      )
        state.firstCountedAt = performance.now();
      if (watched.has(video)) continue;
      watched.add(video);
      if (state.startAt !== null) state.videoAt ??= performance.now();
      video.requestVideoFrameCallback(() => {
        if (state.firstFrameAt === null && state.startAt !== null) state.firstFrameAt = performance.now();
      });
    }
    if (state.firstFrameAt === null || state.firstCountedAt === null) requestAnimationFrame(look);
    else state.watching = false;
  };
  look();
}

export interface FirstFrameMarks {
  startAt: number | null;
  panelAt: number | null;
  videoAt: number | null;
  socketAt: number | null;
  socketOpenAt: number | null;
  firstMessageAt: number | null;
  firstFrameAt: number | null;
  firstCountedAt: number | null;
  /** The first `video.source` and `video.open` calls: sent, answered. */
  sourceCall: [number, number | null] | null;
  openCall: [number, number | null] | null;
}

export function firstFrameMarks(): FirstFrameMarks {
  const state = (window as ProbeWindow).__benchVideo!;
  const socket = state.sockets[0];
  const call = (method: string): [number, number | null] | null => {
    const found = state.calls.find((candidate) => candidate.method === method);
    return found ? [found.sentAt, found.answeredAt] : null;
  };
  return {
    startAt: state.startAt,
    panelAt: state.panelAt,
    videoAt: state.videoAt,
    socketAt: socket?.createdAt ?? null,
    socketOpenAt: socket?.openAt ?? null,
    firstMessageAt: socket?.firstMessageAt ?? null,
    firstFrameAt: state.firstFrameAt,
    firstCountedAt: state.firstCountedAt,
    sourceCall: call('video.source'),
    openCall: call('video.open'),
  };
}

/** The bare page's "click": stamps the start, has the benchmark open a stream, plays it in the first cell. */
export async function startBarePlayer(title: string): Promise<void> {
  const page = window as unknown as ProbeWindow & {
    benchOpen(title: string): Promise<string>;
    benchPlay(cell: number, url: string): void;
  };
  page.__benchVideo!.startAt = performance.now();
  page.benchPlay(0, await page.benchOpen(title));
}

export interface ClockSample {
  /** Which of the page's videos the frame came from. */
  video: number;
  /** When the frame is expected on screen: the page's wall clock (ms since the epoch). */
  shownAt: number;
  /** The clock window's luma, row by row, base64. */
  luma: string;
  width: number;
  height: number;
  /** How far the video's buffer reached past its playhead then, ms: the player's share of the delay. */
  bufferedAheadMs: number;
}

/**
 * Grabs `count` frames, spread over the page's videos and `intervalMs` apart, as each is presented
 * (`requestVideoFrameCallback`): the clock window of each is drawn to a canvas at the picture's own size and
 * its luma kept, with the time the frame is shown (`expectedDisplayTime` on the page's wall clock).
 */
export function sampleClocks(args: {
  count: number;
  intervalMs: number;
  window: { x: number; y: number; width: number; height: number };
  timeoutMs: number;
}): Promise<ClockSample[]> {
  const { count, intervalMs, window: area, timeoutMs } = args;
  const videos = [...document.querySelectorAll('video')];
  const canvas = document.createElement('canvas');
  canvas.width = area.width;
  canvas.height = area.height;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  const samples: ClockSample[] = [];
  const taken = videos.map(() => 0);
  let nextDue = performance.now();
  let done = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      done = true;
      if (samples.length > 0) resolve(samples);
      else reject(new Error(`no frame presented in ${timeoutMs} ms`));
    }, timeoutMs);
    const onFrame = (index: number) => (now: number, frame: VideoFrameCallbackMetadata) => {
      if (done) return;
      const video = videos[index]!;
      if (now >= nextDue && taken[index] === Math.min(...taken)) {
        context.drawImage(video, area.x, area.y, area.width, area.height, 0, 0, area.width, area.height);
        const rgba = context.getImageData(0, 0, area.width, area.height).data;
        let binary = '';
        for (let i = 0; i < rgba.length; i += 4)
          binary += String.fromCharCode(
            Math.round(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!),
          );
        const epochOffset = Date.now() - performance.now();
        const end =
          video.buffered.length > 0 ? video.buffered.end(video.buffered.length - 1) : frame.mediaTime;
        samples.push({
          video: index,
          shownAt: epochOffset + frame.expectedDisplayTime,
          luma: btoa(binary),
          width: frame.width,
          height: frame.height,
          bufferedAheadMs: (end - frame.mediaTime) * 1000,
        });
        taken[index]! += 1;
        nextDue = now + intervalMs;
        if (samples.length >= count) {
          done = true;
          clearTimeout(timer);
          resolve(samples);
          return;
        }
      }
      video.requestVideoFrameCallback(onFrame(index));
    };
    videos.forEach((video, index) => video.requestVideoFrameCallback(onFrame(index)));
  });
}

export interface PlaybackQuality {
  /** The page's `performance.now()` when read. */
  at: number;
  total: number;
  dropped: number;
  currentTime: number;
  /** How far the buffer reaches past the playhead, s: the player's own delay on top of the network. */
  bufferedAhead: number;
}

/** Every video's decoded and dropped frames so far, and where its playhead and buffer are. */
export function playbackQuality(): PlaybackQuality[] {
  return [...document.querySelectorAll('video')].map((video) => {
    const quality = video.getVideoPlaybackQuality();
    const end = video.buffered.length > 0 ? video.buffered.end(video.buffered.length - 1) : video.currentTime;
    return {
      at: performance.now(),
      total: quality.totalVideoFrames,
      dropped: quality.droppedVideoFrames,
      currentTime: video.currentTime,
      bufferedAhead: end - video.currentTime,
    };
  });
}

/** Whether `count` videos are on the page and every one has played past its first half second. */
export function allPlaying(count: number): boolean {
  const videos = [...document.querySelectorAll('video')];
  return (
    videos.length === count &&
    videos.every((video) => video.currentTime > 0.5 && video.getVideoPlaybackQuality().totalVideoFrames > 5)
  );
}

/** The videos' places on the page, for the bare page to lay out its players the same. */
export function videoRects(): { x: number; y: number; width: number; height: number }[] {
  return [...document.querySelectorAll('video')].map((video) => {
    const rect = video.getBoundingClientRect();
    return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
  });
}

interface PageMeter {
  startedAt: number;
  frames: number;
  longTasks: number;
  longTaskMs: number;
  observer: PerformanceObserver;
}

/**
 * Starts counting the page's animation frames and its long tasks (over 50 ms on the main thread): how well
 * the page itself keeps up while its players run.
 */
export function startPageMeter(): void {
  const page = window as unknown as { __benchMeter?: PageMeter };
  page.__benchMeter?.observer.disconnect();
  const meter: PageMeter = {
    startedAt: performance.now(),
    frames: 0,
    longTasks: 0,
    longTaskMs: 0,
    observer: new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        meter.longTasks += 1;
        meter.longTaskMs += entry.duration;
      }
    }),
  };
  meter.observer.observe({ type: 'longtask' });
  page.__benchMeter = meter;
  const tick = () => {
    if (page.__benchMeter !== meter) return;
    meter.frames += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

export interface PageMeterReading {
  seconds: number;
  framesPerSecond: number;
  longTasks: number;
  /** Share of the time the main thread spent in long tasks. */
  longTaskShare: number;
}

export function readPageMeter(): PageMeterReading {
  const page = window as unknown as { __benchMeter?: PageMeter };
  const meter = page.__benchMeter!;
  meter.observer.disconnect();
  page.__benchMeter = undefined;
  const seconds = (performance.now() - meter.startedAt) / 1000;
  return {
    seconds,
    framesPerSecond: meter.frames / seconds,
    longTasks: meter.longTasks,
    longTaskShare: meter.longTaskMs / 1000 / seconds,
  };
}
