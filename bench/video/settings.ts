import { parseArgs } from 'node:util';
import { UsageError } from '../lib/benchmark';

/** What the video benchmark measures by default. */
export const VIDEO_BENCH = {
  viewport: { width: 1920, height: 1080 },
  /** Streams open at once in the CPU and dropped-frame measurement: the wall's splits. */
  sizes: [1, 4, 9, 16],
  /** Clicks measured for the first frame (after one unmeasured), each on another camera; as many fresh opens. */
  clickRounds: 5,
  /** Frames read for glass-to-glass delay per configuration, and how far apart. */
  latencySamples: 20,
  latencyIntervalMs: 300,
  /** How long the picture plays before its delay is read: the player has caught up with the live edge. */
  latencySettleSeconds: 3,
  /** The steady-state window CPU and frames are measured over, at each size. */
  steadySeconds: 30,
  /** After every player is playing, before the window starts. */
  settleSeconds: 5,
  /** Both pages with no video, for the CPU the product's page takes by itself. */
  idleSeconds: 10,
  /** Frames of the camera's own encoding the clock reader is checked on before the run. */
  readerCheckFrames: 200,
} as const;

/** `--quick`: a smoke run of a couple of minutes once the hub is seeded. */
export const VIDEO_QUICK = {
  sizes: [1, 4],
  clickRounds: 3,
  latencySamples: 10,
  steadySeconds: 10,
  settleSeconds: 3,
  idleSeconds: 5,
} as const;

export const VIDEO_TARGETS = {
  /** The issue's: from the click on a camera to its first decoded frame, over HTTP-FLV on loopback (median). */
  clickToFirstFrameMs: 1_000,
} as const;

/** The media server's limit (`DEFAULT_MAX_CAMERAS`) and an operator's (`perOperator`): a 16-way wall. */
const MAX_STREAMS = 16;

export interface VideoBenchOptions {
  quick: boolean;
  sizes: number[];
  clickRounds: number;
  latencySamples: number;
  steadySeconds: number;
  settleSeconds: number;
  idleSeconds: number;
}

const USAGE = 'the video benchmark takes --quick, --sizes N[,N…] (1 to 16 streams) and --seconds S';

export function parseVideoOptions(args: string[]): VideoBenchOptions {
  let values: { quick?: boolean; sizes?: string; seconds?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { quick: { type: 'boolean' }, sizes: { type: 'string' }, seconds: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`video: ${(error as Error).message}; ${USAGE}`);
  }
  const base = values.quick ? { ...VIDEO_BENCH, ...VIDEO_QUICK } : VIDEO_BENCH;
  let sizes: number[] = [...base.sizes];
  if (values.sizes !== undefined) {
    sizes = values.sizes.split(',').map((part) => Number(part.trim()));
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1 || n > MAX_STREAMS))
      throw new UsageError(
        `video: --sizes ${values.sizes}: whole numbers of streams from 1 to ${MAX_STREAMS}`,
      );
    sizes = [...new Set(sizes)].sort((a, b) => a - b);
  }
  let steadySeconds: number = base.steadySeconds;
  if (values.seconds !== undefined) {
    steadySeconds = Number(values.seconds);
    if (!Number.isFinite(steadySeconds) || steadySeconds < 5)
      throw new UsageError(`video: --seconds ${values.seconds}: the steady-state window, at least 5 s`);
  }
  return {
    quick: values.quick ?? false,
    sizes,
    clickRounds: base.clickRounds,
    latencySamples: base.latencySamples,
    steadySeconds,
    settleSeconds: base.settleSeconds,
    idleSeconds: base.idleSeconds,
  };
}
