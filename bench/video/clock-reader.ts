import { spawn } from 'node:child_process';
import {
  DEFAULT_PICTURE,
  escapeFilterValue,
  findCjkFont,
  syntheticCameraArgs,
} from '../../src/sim/media/synthetic-camera';

/**
 * Reads the wall clock a synthetic camera burns into its picture (`HH:MM:SS.mmm`, China time, bottom left),
 * so that a screen's delay is read off the picture itself: the time a frame is shown minus the time drawn on it.
 *
 * There is no OCR library here, and none is needed: the camera draws the clock with ffmpeg's drawtext in a
 * font whose digits all have the same advance, at a fixed place. The reader renders each digit through the
 * camera's own filter graph (`syntheticCameraArgs`, with the clock's text swapped for fixed digits), so the
 * font, size and position are the camera's by construction; then each of the nine digit cells of a frame is
 * matched against the ten renderings of that cell by least squared difference.
 */

/** The clock as the camera's filter graph writes it (see `WALL_CLOCK_TEXT` in synthetic-camera.ts). */
const CAMERA_CLOCK_TEXT = '%{localtime:%H\\:%M\\:%S.%3N}';
/** Character positions in `HH:MM:SS.mmm` that hold digits; the others are `:` `:` `.`. */
const DIGIT_POSITIONS = [0, 1, 3, 4, 6, 7, 9, 10, 11] as const;
const CHARACTERS = 12;
/** A pixel brighter than this (0–255) is ink: white text on the clock's black box. */
const INK = 128;
/** Margin around the ink kept in the window, inside the box's 6-pixel border. */
const MARGIN = 3;
const DAY_MS = 86_400_000;

export interface ClockWindow {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type ClockReading =
  { ok: true; text: string; msOfDay: number; margin: number } | { ok: false; reason: string };

interface Cell {
  x0: number;
  x1: number;
}

function runFfmpeg(args: string[], input?: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    if (input) input.pipe(child.stdin!);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited ${code}: ${err.trim()}`)),
    );
  });
}

/** The camera's command line, and the index of its filter graph in it. */
function cameraArgs(): { args: string[]; filterIndex: number; clock: string } {
  const args = syntheticCameraArgs({
    title: '时钟模板',
    publishUrl: 'pipe:1',
    picture: DEFAULT_PICTURE,
    fontFile: findCjkFont(),
  });
  const filterIndex = args.indexOf('-vf') + 1;
  const clock = escapeFilterValue(CAMERA_CLOCK_TEXT);
  if (filterIndex === 0 || !args[filterIndex]!.includes(clock))
    throw new Error("the synthetic camera's clock is no longer drawn as this reader expects");
  return { args, filterIndex, clock };
}

/** The camera's filter graph with the clock's text replaced by `text` (drawtext's own syntax). */
function filterWithClockText(text: string): string {
  const { args, filterIndex, clock } = cameraArgs();
  return args[filterIndex]!.replace(clock, escapeFilterValue(text));
}

const { width: WIDTH, height: HEIGHT } = DEFAULT_PICTURE;

/** One still frame of the camera's picture (over a grey field) with `text` as its clock, as luma. */
function renderStill(text: string): Promise<Buffer> {
  return runFfmpeg(
    [
      ['-hide_banner', '-nostdin', '-loglevel', 'error'],
      ['-f', 'lavfi', '-i', `color=c=gray:size=${WIDTH}x${HEIGHT}`, '-frames:v', '1'],
      ['-vf', `format=yuv420p,${filterWithClockText(text)}`],
      ['-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'],
    ].flat(),
  );
}

/** Runs of ink columns in rows `top..bottom`, from `from` to `to`. */
function inkRuns(luma: Uint8Array, stride: number, rows: [number, number], from: number, to: number): Cell[] {
  const runs: Cell[] = [];
  for (let x = from; x < to; x += 1) {
    let ink = false;
    for (let y = rows[0]; y <= rows[1] && !ink; y += 1) ink = luma[y * stride + x]! > INK;
    if (!ink) continue;
    const last = runs.at(-1);
    if (last && last.x1 === x - 1) last.x1 = x;
    else runs.push({ x0: x, x1: x });
  }
  return runs;
}

/** Values of a cell scaled to 0–1 by the window's own darkest and brightest pixel. */
function cellValues(luma: Uint8Array, stride: number, window: ClockWindow, cell: Cell): Float32Array {
  let low = 255;
  let high = 0;
  for (let i = 0; i < window.width * window.height; i += 1) {
    const value = luma[(window.y + Math.floor(i / window.width)) * stride + window.x + (i % window.width)]!;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  const span = Math.max(1, high - low);
  const out = new Float32Array((cell.x1 - cell.x0 + 1) * window.height);
  let i = 0;
  for (let y = window.y; y < window.y + window.height; y += 1)
    for (let x = cell.x0; x <= cell.x1; x += 1) out[i++] = (luma[y * stride + x]! - low) / span;
  return out;
}

function squaredDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i]! - b[i]!) ** 2;
  return sum;
}

export function formatMsOfDay(ms: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}:` +
    `${two(Math.floor(ms / 1000) % 60)}.${String(ms % 1000).padStart(3, '0')}`
  );
}

/** The milliseconds since China's midnight at `epochMs` (China keeps UTC+8 all year). */
export function chinaMsOfDay(epochMs: number): number {
  return (((epochMs + 8 * 3_600_000) % DAY_MS) + DAY_MS) % DAY_MS;
}

/** `later − earlier` on a 24-hour clock face, taken within ±12 h (a reading just after midnight). */
export function clockDifferenceMs(later: number, earlier: number): number {
  const difference = (((later - earlier) % DAY_MS) + DAY_MS) % DAY_MS;
  return difference > DAY_MS / 2 ? difference - DAY_MS : difference;
}

export class ClockReader {
  private constructor(
    /** Where the clock's digits are in the camera's picture: what a page crops and sends. */
    readonly window: ClockWindow,
    private readonly cells: Cell[],
    /** Per digit position (9), per digit (10): the rendered cell. */
    private readonly templates: Float32Array[][],
  ) {}

  /** Renders the ten digits through the camera's filter graph and learns where its clock's cells are. */
  static async prepare(): Promise<ClockReader> {
    // Each digit in every position at once: `00:00:00.000`, `11:11:11.111`…
    const full = await Promise.all(
      Array.from({ length: 10 }, (_, digit) => {
        const d = String(digit);
        return renderStill(`${d}${d}:${d}${d}:${d}${d}.${d}${d}${d}`);
      }),
    );
    // The ink's rows: the same for every digit (lining figures) below the picture's middle.
    let top = HEIGHT;
    let bottom = 0;
    for (const luma of full)
      for (let y = HEIGHT / 2; y < HEIGHT; y += 1)
        for (let x = 0; x < WIDTH / 2; x += 1)
          if (luma[y * WIDTH + x]! > INK) {
            top = Math.min(top, y);
            bottom = Math.max(bottom, y);
          }
    const runsPerDigit = full.map((luma) => inkRuns(luma, WIDTH, [top, bottom], 0, WIDTH / 2));
    const wrong = runsPerDigit.findIndex((runs) => runs.length !== CHARACTERS);
    if (wrong >= 0)
      throw new Error(
        `the clock rendered with ${wrong}s has ${runsPerDigit[wrong]!.length} glyphs, not ${CHARACTERS}`,
      );
    // Each character's extent over all ten renderings; cells meet halfway between neighbours.
    const extents = Array.from({ length: CHARACTERS }, (_, position) => ({
      x0: Math.min(...runsPerDigit.map((runs) => runs[position]!.x0)),
      x1: Math.max(...runsPerDigit.map((runs) => runs[position]!.x1)),
    }));
    const cells = extents.map((extent, position) => ({
      x0: position === 0 ? extent.x0 - MARGIN : Math.ceil((extents[position - 1]!.x1 + extent.x0) / 2),
      x1:
        position === CHARACTERS - 1
          ? extent.x1 + MARGIN
          : Math.floor((extent.x1 + extents[position + 1]!.x0) / 2),
    }));
    for (let position = 0; position < CHARACTERS - 1; position += 1)
      if (cells[position]!.x1 >= cells[position + 1]!.x0) cells[position]!.x1 = cells[position + 1]!.x0 - 1;
    const window: ClockWindow = {
      x: cells[0]!.x0,
      y: top - MARGIN,
      width: cells.at(-1)!.x1 - cells[0]!.x0 + 1,
      height: bottom - top + 1 + 2 * MARGIN,
    };
    const templates = DIGIT_POSITIONS.map((position) =>
      full.map((luma) => cellValues(luma, WIDTH, window, cells[position]!)),
    );
    return new ClockReader(window, cells, templates);
  }

  /**
   * Reads the clock from the window's luma (`window.width × window.height`, row by row). `margin` is how
   * much better the worst digit's best match was than its runner-up (1 = perfect, 0 = a tie).
   */
  read(windowLuma: Uint8Array): ClockReading {
    const { window } = this;
    if (windowLuma.length !== window.width * window.height)
      return { ok: false, reason: `${windowLuma.length} pixels, not ${window.width * window.height}` };
    // The window's luma as if it sat in a full frame: the cells are in frame coordinates.
    const local: ClockWindow = { x: 0, y: 0, width: window.width, height: window.height };
    const digits: number[] = [];
    let margin = 1;
    for (const [index, position] of DIGIT_POSITIONS.entries()) {
      const cell = this.cells[position]!;
      const values = cellValues(windowLuma, window.width, local, {
        x0: cell.x0 - window.x,
        x1: cell.x1 - window.x,
      });
      const scores = this.templates[index]!.map((template) => squaredDifference(values, template));
      const order = scores.map((score, digit) => ({ score, digit })).sort((a, b) => a.score - b.score);
      digits.push(order[0]!.digit);
      margin = Math.min(margin, 1 - order[0]!.score / Math.max(order[1]!.score, 1e-9));
    }
    const [h1, h2, m1, m2, s1, s2, f1, f2, f3] = digits as [
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const hours = h1 * 10 + h2;
    const minutes = m1 * 10 + m2;
    const seconds = s1 * 10 + s2;
    const text = `${h1}${h2}:${m1}${m2}:${s1}${s2}.${f1}${f2}${f3}`;
    if (hours > 23 || minutes > 59 || seconds > 59) return { ok: false, reason: `read ${text}` };
    const msOfDay = ((hours * 60 + minutes) * 60 + seconds) * 1000 + f1 * 100 + f2 * 10 + f3;
    return { ok: true, text, msOfDay, margin };
  }

  /**
   * The reader checked on the camera's own encoding: `frames` frames whose clocks jump 20 min 34.567 s a
   * frame (so every digit changes, a harder picture for the encoder than a running clock), encoded with the
   * camera's x264 settings and bitrate, decoded by ffmpeg and read back. Returns how many were read right.
   */
  async selfCheck(frames: number): Promise<{ frames: number; right: number; wrong: string[] }> {
    const start = 12 * 3_600_000 + 34 * 60_000 + 56_789;
    const step = 1_234_567;
    const at = `mod(${start}+n*${step},${DAY_MS})`;
    const text =
      `%{eif:floor(${at}/3600000):d:2}:%{eif:mod(floor(${at}/60000),60):d:2}:` +
      `%{eif:mod(floor(${at}/1000),60):d:2}.%{eif:mod(${at},1000):d:3}`;
    const { args, filterIndex, clock } = cameraArgs();
    const encode = args.filter((arg) => arg !== '-re');
    encode[encode.indexOf('-vf') + 1] = args[filterIndex]!.replace(clock, escapeFilterValue(text));
    encode.splice(encode.length - 3, 0, '-frames:v', String(frames));
    const flv = await runFfmpeg(encode);
    const { Readable } = await import('node:stream');
    const raw = await runFfmpeg(
      ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'flv', '-i', 'pipe:0'].concat([
        '-f',
        'rawvideo',
        '-pix_fmt',
        'gray',
        'pipe:1',
      ]),
      Readable.from([flv]),
    );
    const frameBytes = WIDTH * HEIGHT;
    const wrong: string[] = [];
    let right = 0;
    const decoded = Math.floor(raw.length / frameBytes);
    for (let n = 0; n < decoded; n += 1) {
      const frame = raw.subarray(n * frameBytes, (n + 1) * frameBytes);
      const expected = formatMsOfDay((start + n * step) % DAY_MS);
      const reading = this.read(this.crop(frame));
      if (reading.ok && reading.text === expected) right += 1;
      else wrong.push(`${expected} read as ${reading.ok ? reading.text : reading.reason}`);
    }
    return { frames: decoded, right, wrong };
  }

  /** The window cut out of a whole frame's luma. */
  crop(frame: Uint8Array): Uint8Array {
    const { x, y, width, height } = this.window;
    const out = new Uint8Array(width * height);
    for (let row = 0; row < height; row += 1)
      out.set(frame.subarray((y + row) * WIDTH + x, (y + row) * WIDTH + x + width), row * width);
    return out;
  }
}
