import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the demo's media side reports what it does; pino's loggers fit. */
export interface MediaLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: MediaLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** The synthetic camera's picture. */
export interface PictureOptions {
  width: number;
  height: number;
  frameRate: number;
  bitrateKbps: number;
}

/**
 * 640×360 at 25 frames a second, 600 kbit/s: measured on a two-core machine, sixteen cameras took 79 % of
 * one core together (about 5 % each, libx264 ultrafast on one thread) and the media server 6 % more, so the
 * sixteen a video wall shows at once leave most of the machine to the rest of the demo.
 */
export const DEFAULT_PICTURE: PictureOptions = { width: 640, height: 360, frameRate: 25, bitrateKbps: 600 };

export interface SyntheticCameraOptions {
  /** Burnt into the picture, in Chinese as a rule: the font has the glyphs. */
  title: string;
  /**
   * The RTMP URL to push to, asked afresh at every (re)start: the media server checks a signature that
   * expires, so a camera restarted an hour later needs a new one.
   */
  publishUrl: () => string;
  picture?: Partial<PictureOptions>;
  /** Default: `ffmpeg` from the PATH. */
  ffmpegPath?: string;
  /** A font with Chinese glyphs; default: the first of the usual places that exists (see {@link findCjkFont}). */
  fontFile?: string;
  logger?: MediaLogger;
  /** Waits between restarts after ffmpeg died: doubling from `min` up to `max`. */
  restartDelayMs?: { min: number; max: number };
  /** How long ffmpeg gets to stop after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** Told whenever ffmpeg exits, wanted or not. */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** A run that lasted this long was healthy: the next failure waits the shortest delay again. */
const HEALTHY_RUN_MS = 10_000;
const STDERR_LINES_KEPT = 8;

const FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', // Debian, Ubuntu: fonts-noto-cjk
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', // Arch
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc', // Fedora
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
];

let cachedFont: string | null | undefined;

/** A font file that has Chinese glyphs, or undefined when none is installed (titles then show as boxes). */
export function findCjkFont(): string | undefined {
  if (cachedFont === undefined) {
    cachedFont = FONT_CANDIDATES.find((path) => existsSync(path)) ?? fontconfigCjkFont() ?? null;
  }
  return cachedFont ?? undefined;
}

function fontconfigCjkFont(): string | undefined {
  try {
    const file = execFileSync('fc-match', ['-f', '%{file}', 'sans-serif:lang=zh-cn'], {
      encoding: 'utf8',
      timeout: 3000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** The version line of the ffmpeg at `ffmpegPath`, or an error saying how to install it. */
export function checkFfmpeg(ffmpegPath = 'ffmpeg'): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(ffmpegPath, ['-hide_banner', '-version'], { timeout: 10_000 }, (error, stdout) => {
      if (error) {
        reject(
          new Error(
            `the synthetic cameras need ffmpeg (with libx264 and drawtext), and "${ffmpegPath}" did not run: ` +
              `${error.message}. On Debian or Ubuntu: apt-get install ffmpeg fonts-noto-cjk`,
          ),
        );
        return;
      }
      resolve(stdout.split('\n')[0] ?? 'ffmpeg');
    });
  });
}

/**
 * ffmpeg reads a filter's options twice: once as the filter graph (where `\ ' [ ] , ;` are special) and
 * once as the filter's option list (where `\ ' :` are). A value escaped for both reaches drawtext as written.
 */
export function escapeFilterValue(value: string): string {
  const optionLevel = value.replace(/[\\':]/g, (c) => `\\${c}`);
  return optionLevel.replace(/[\\'[\],;]/g, (c) => `\\${c}`);
}

/**
 * The wall clock when the frame is drawn, to the millisecond (`%3N`). With `-re` frames are drawn as they are
 * due and x264's zero-latency tuning encodes each at once, so this is the time the frame left the camera: a
 * screen showing it next to its own clock shows the glass-to-glass delay. (`%{pts}` would be the stream's own
 * timeline, which says nothing about delay.) The `\:` keep drawtext's `%{…}` parser from splitting the format.
 */
const WALL_CLOCK_TEXT = '%{localtime:%H\\:%M\\:%S.%3N}';

/** The ffmpeg command line for one synthetic camera pushing to `publishUrl`. */
export function syntheticCameraArgs(options: {
  title: string;
  publishUrl: string;
  picture: PictureOptions;
  fontFile: string | undefined;
}): string[] {
  const { width, height, frameRate, bitrateKbps } = options.picture;
  const font = options.fontFile ? `fontfile=${escapeFilterValue(options.fontFile)}:` : '';
  // Control characters, a newline among them, become spaces: the title is one line in the band.
  const title = options.title.replace(/\p{Cc}+/gu, ' ').trim();
  const band = Math.round(height / 8);
  const filters = [
    // testsrc2 draws its own stream-time counter top left: the opaque band hides it, so the only clock in
    // the picture is the wall clock.
    `drawbox=x=0:y=0:w=iw:h=${band}:color=black:t=fill`,
    `drawtext=${font}expansion=none:text=${escapeFilterValue(title)}:fontsize=${Math.round(band * 0.6)}` +
      `:fontcolor=white:x=(w-text_w)/2:y=(${band}-text_h)/2`,
    `drawtext=${font}text=${escapeFilterValue(WALL_CLOCK_TEXT)}:fontsize=${Math.round(height / 12)}` +
      `:fontcolor=white:box=1:boxcolor=black:boxborderw=6:x=12:y=h-text_h-12`,
  ];
  const bitrate = `${bitrateKbps}k`;
  return [
    ['-hide_banner', '-nostdin', '-loglevel', 'error'],
    // Any error ends ffmpeg, so a camera that cannot publish is started afresh instead of limping on.
    ['-xerror'],
    ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${frameRate}`],
    ['-vf', filters.join(','), '-an'],
    ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline'],
    ['-pix_fmt', 'yuv420p', '-threads', '1'],
    // A key frame every second, none in between and no B-frames: a player joining starts within a second.
    ['-g', String(frameRate), '-keyint_min', String(frameRate), '-sc_threshold', '0', '-bf', '0'],
    ['-b:v', bitrate, '-maxrate', bitrate, '-bufsize', bitrate],
    ['-f', 'flv', options.publishUrl],
  ].flat();
}

/** ffmpeg prints the URL it failed on; its signature lets anyone publish until it expires. */
function redact(line: string): string {
  return line.replace(/([?&]sign=)[^&\s]+/g, '$1…');
}

/** Every ffmpeg running, so none outlives the process that started it. */
const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

function track(child: ChildProcess): void {
  liveChildren.add(child);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const running of liveChildren) running.kill('SIGKILL');
    });
  }
}

/**
 * One synthetic camera: ffmpeg drawing a moving test picture with the camera's title and a wall clock,
 * encoded for low delay and pushed over RTMP. Restarted with backoff when it dies while wanted; stopped (and
 * killed if it must be) on `close()` or when this process exits. If this process is killed outright, the
 * media server in it goes too: ffmpeg's RTMP connection breaks and it exits on its own within a second or two.
 */
export class SyntheticCamera {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private wanted = false;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly stderrTail: string[] = [];
  private readonly picture: PictureOptions;
  private readonly logger: MediaLogger;

  constructor(private readonly options: SyntheticCameraOptions) {
    this.picture = { ...DEFAULT_PICTURE, ...options.picture };
    this.logger = options.logger ?? silentLogger;
  }

  /** The running ffmpeg's process id. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** ffmpeg's last error lines, signatures removed: why the camera is not publishing. */
  get lastError(): string {
    return this.stderrTail.join(' | ');
  }

  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.spawn();
  }

  /** Stops ffmpeg: SIGTERM, then SIGKILL if it has not left after `stopTimeoutMs`. Settles once it is gone. */
  async close(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 2000);
    child.kill('SIGTERM');
    await this.exited;
    clearTimeout(killer);
  }

  private spawn(): void {
    const args = syntheticCameraArgs({
      title: this.options.title,
      publishUrl: this.options.publishUrl(),
      picture: this.picture,
      fontFile: this.options.fontFile ?? findCjkFont(),
    });
    const startedAt = Date.now();
    // The burnt-in clock is China time, as every time the product shows, whatever the machine's zone.
    const child = spawn(this.options.ffmpegPath ?? 'ffmpeg', args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, TZ: 'Asia/Shanghai' },
    });
    this.child = child;
    track(child);
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (!line.trim()) continue;
        this.stderrTail.push(redact(line.trim()));
        if (this.stderrTail.length > STDERR_LINES_KEPT) this.stderrTail.shift();
      }
    });
    this.exited = new Promise((resolve) => {
      let settled = false;
      const settle = (code: number | null, signal: NodeJS.Signals | null) => {
        if (settled) return;
        settled = true;
        liveChildren.delete(child);
        resolve();
        this.onExit(code, signal, Date.now() - startedAt);
      };
      child.once('exit', settle);
      child.once('error', (error) => {
        this.stderrTail.push(redact(error.message));
        settle(null, null);
      });
    });
  }

  private onExit(code: number | null, signal: NodeJS.Signals | null, ranMs: number): void {
    this.options.onExit?.(code, signal);
    if (!this.wanted) return;
    this.failures = ranMs >= HEALTHY_RUN_MS ? 1 : this.failures + 1;
    const { min, max } = this.options.restartDelayMs ?? { min: 500, max: 10_000 };
    const delay = Math.min(max, min * 2 ** (this.failures - 1));
    this.logger.warn(
      `synthetic camera "${this.options.title}" stopped (${signal ?? `exit code ${code}`}): ` +
        `${this.lastError || 'no message'}; restarting in ${delay} ms`,
    );
    this.restartTimer = setTimeout(() => {
      if (this.wanted) this.spawn();
    }, delay);
  }
}
