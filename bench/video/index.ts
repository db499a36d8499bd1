import { chromium, type Browser, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { MonitoringPoint } from '../../src/domain';
import { DEFAULT_PICTURE } from '../../src/sim/media/synthetic-camera';
import type { Benchmark } from '../lib/benchmark';
import type { Progress } from '../lib/progress';
import { makeTempDir } from '../lib/temp-dir';
import { checkPlayerConfigMatchesProduct, PRODUCT_PLAYER_CONFIG, startBarePageServer } from './bare-page';
import { ClockReader } from './clock-reader';
import { noStreamsLeft, startVideoEnvironment, type VideoBenchEnvironment } from './environment';
import {
  measureLatency,
  measureSteadyState,
  timeFirstFrame,
  type FirstFrameRound,
  type LatencyResult,
} from './measure';
import { allPlaying, installVideoProbes, startBarePlayer, videoRects } from './page-probes';
import { GroupCpuMeter, type GroupCpu, type ProcessGroup } from './process-cpu';
import {
  ACTION_TIMEOUT_MS,
  closeCameraPanel,
  closeVideoWall,
  fillVideoWall,
  openProductPage,
  showCamera,
} from './product-page';
import { firstFrameRows, idleRow, latencyRows, sizeRows, type LatencyPair, type SizeResult } from './report';
import { parseVideoOptions, VIDEO_BENCH, type VideoBenchOptions } from './settings';

type Rect = { x: number; y: number; width: number; height: number };

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
/** Every player has played past its first half second: a slow machine may take a while with sixteen. */
const PLAYING_TIMEOUT_MS = 180_000;
/** How long the bare page's play URLs stay valid: longer than any one measurement. */
const PLAY_URL_LIFETIME_MS = 15 * 60_000;

/**
 * Both pages and what they hold open: the product's desktop page, and the bare page in a browser of its own,
 * so that each browser's processes are measured by themselves.
 */
class Pages {
  /** Streams the bare page has opened at the gateway and not yet closed. */
  private readonly bareStreams = new Set<string>();

  constructor(
    readonly product: Page,
    readonly bare: Page,
    private readonly environment: VideoBenchEnvironment,
  ) {}

  static async open(
    environment: VideoBenchEnvironment,
    productBrowser: Browser,
    bareBrowser: Browser,
    bareUrl: string,
  ): Promise<Pages> {
    const product = await openProductPage(productBrowser, environment.shellUrl, environment.monitoringPoints);
    const context = await bareBrowser.newContext({ viewport: VIDEO_BENCH.viewport });
    await context.addInitScript('window.__name = (target) => target;');
    await context.addInitScript(installVideoProbes);
    const bare = await context.newPage();
    bare.setDefaultTimeout(ACTION_TIMEOUT_MS);
    const pages = new Pages(product, bare, environment);
    await bare.exposeFunction('benchOpen', (title: string) => pages.openForBare(title));
    await bare.goto(bareUrl);
    return pages;
  }

  /** A fresh stream at the gateway, as the hub opens one: a new name, the camera's title on the picture. */
  async openForBare(title: string): Promise<string> {
    const stream = randomBytes(16).toString('base64url');
    this.bareStreams.add(stream);
    const urls = await this.environment.gateway.open({
      stream,
      // The demo's media server draws every picture itself: the source is not sent to it.
      source: { kind: 'rtsp', url: 'rtsp://127.0.0.1/bench' },
      title,
      expiresAt: Date.now() + PLAY_URL_LIFETIME_MS,
    });
    return urls.flv!;
  }

  async layoutBare(rects: Rect[]): Promise<void> {
    await this.bare.evaluate((cells) => (window as unknown as BareWindow).benchLayout(cells), rects);
  }

  /** Stops the bare page's players and closes their streams at the gateway. */
  async stopBare(): Promise<void> {
    await this.bare.evaluate(() => (window as unknown as BareWindow).benchStopAll());
    await Promise.all([...this.bareStreams].map((stream) => this.environment.gateway.close(stream)));
    this.bareStreams.clear();
    await noStreamsLeft(this.environment.gateway);
  }
}

interface BareWindow {
  benchLayout(rects: Rect[]): void;
  benchPlay(cell: number, url: string): void;
  benchStopAll(): void;
}

/** The gateway open the last measured start caused, if any. */
function lastOpenSince(environment: VideoBenchEnvironment, before: number): () => number | null {
  return () => environment.gateway.openMs[before] ?? null;
}

async function productFirstFrame(pages: Pages, environment: VideoBenchEnvironment, camera: MonitoringPoint) {
  const spot = await showCamera(pages.product, camera);
  const opens = environment.gateway.openMs.length;
  const round = await timeFirstFrame(
    pages.product,
    camera.name,
    () => pages.product.mouse.click(spot.x, spot.y),
    lastOpenSince(environment, opens),
    '[data-testid="detail-panel"]',
  );
  return round;
}

async function bareFirstFrame(
  pages: Pages,
  environment: VideoBenchEnvironment,
  camera: MonitoringPoint,
  rect: Rect,
): Promise<FirstFrameRound> {
  await pages.layoutBare([rect]);
  const opens = environment.gateway.openMs.length;
  return timeFirstFrame(
    pages.bare,
    camera.name,
    () => pages.bare.evaluate(startBarePlayer, camera.name),
    lastOpenSince(environment, opens),
    null,
  );
}

/** Click to first frame, product and bare alternating, each round on another camera; one round unmeasured. */
async function firstFrames(
  pages: Pages,
  environment: VideoBenchEnvironment,
  options: VideoBenchOptions,
  progress: Progress,
) {
  const product: FirstFrameRound[] = [];
  const bare: FirstFrameRound[] = [];
  let panelRect: Rect = { x: 0, y: 0, width: 400, height: 225 };
  for (let round = 0; round <= options.clickRounds; round += 1) {
    const camera = environment.cameras[round]!;
    progress.update(round === 0 ? 'a first round, not measured' : `round ${round} of ${options.clickRounds}`);
    const productRound = await productFirstFrame(pages, environment, camera);
    panelRect = (await pages.product.evaluate(videoRects))[0] ?? panelRect;
    await closeCameraPanel(pages.product);
    await noStreamsLeft(environment.gateway);
    const bareRound = await bareFirstFrame(pages, environment, camera, panelRect);
    await pages.stopBare();
    if (round > 0) {
      product.push(productRound);
      bare.push(bareRound);
    }
  }
  return { product, bare, panelRect };
}

async function oneStreamLatency(
  pages: Pages,
  environment: VideoBenchEnvironment,
  reader: ClockReader,
  options: VideoBenchOptions,
  panelRect: Rect,
): Promise<LatencyPair> {
  const camera = environment.cameras[options.clickRounds + 1]!;
  const settle = () => sleep(VIDEO_BENCH.latencySettleSeconds * 1000);
  const read = (page: Page) =>
    measureLatency(page, reader, options.latencySamples, VIDEO_BENCH.latencyIntervalMs);
  await productFirstFrame(pages, environment, camera);
  await settle();
  const product = await read(pages.product);
  await closeCameraPanel(pages.product);
  await noStreamsLeft(environment.gateway);
  await bareFirstFrame(pages, environment, camera, panelRect);
  await settle();
  const bare = await read(pages.bare);
  await pages.stopBare();
  return { product, bare };
}

async function atSize(
  streams: number,
  pages: Pages,
  environment: VideoBenchEnvironment,
  reader: ClockReader,
  options: VideoBenchOptions,
  groups: Record<string, ProcessGroup>,
  progress: Progress,
): Promise<SizeResult> {
  const steady = async (page: Page) => {
    await page.waitForFunction(allPlaying, streams, { timeout: PLAYING_TIMEOUT_MS, polling: 500 });
    progress.update(
      `playing; ${options.settleSeconds} s to settle, then ${options.steadySeconds} s measured`,
    );
    await sleep(options.settleSeconds * 1000);
    const state = await measureSteadyState(page, groups, options.steadySeconds);
    progress.update("reading the pictures' clocks");
    const latency: LatencyResult = await measureLatency(
      page,
      reader,
      options.latencySamples,
      VIDEO_BENCH.latencyIntervalMs,
    );
    return { state, latency };
  };

  progress.phase(`${streams} stream${streams === 1 ? '' : 's'}: the product's video wall`);
  const names = await fillVideoWall(pages.product, streams);
  const product = await steady(pages.product);
  const rects = await pages.product.evaluate(videoRects);
  await closeVideoWall(pages.product);
  await noStreamsLeft(environment.gateway);

  progress.phase(
    `${streams} stream${streams === 1 ? '' : 's'}: the bare page, players where the wall's were`,
  );
  await pages.layoutBare(rects);
  const urls = await Promise.all(names.map((name) => pages.openForBare(name)));
  await pages.bare.evaluate(
    (list) => list.forEach((url, cell) => (window as unknown as BareWindow).benchPlay(cell, url)),
    urls,
  );
  const bare = await steady(pages.bare);
  await pages.stopBare();
  return {
    streams,
    product: product.state,
    bare: bare.state,
    latency: { product: product.latency, bare: bare.latency },
  };
}

/** Both browsers with no video: the product page's map and panels by themselves, the bare page empty. */
async function idleCpu(groups: Record<string, ProcessGroup>, seconds: number): Promise<GroupCpu> {
  // What the last measurement closed (the map redrawn under the panel) is done first.
  await sleep(2000);
  const meter = new GroupCpuMeter(groups);
  await sleep(seconds * 1000);
  return meter.finish();
}

export const videoBenchmark: Benchmark = {
  name: 'video',
  summary: 'live video: click to first frame, glass-to-glass delay, CPU and dropped frames at 1–16 streams',
  async run(args, { progress, cleanup }) {
    const options = parseVideoOptions(args);
    checkPlayerConfigMatchesProduct();

    progress.phase("Checking the clock reader on the camera's own encoding");
    const reader = await ClockReader.prepare();
    const readerCheck = await reader.selfCheck(VIDEO_BENCH.readerCheckFrames);
    if (readerCheck.wrong.length > 0) progress.update(`misread: ${readerCheck.wrong.slice(0, 3).join('; ')}`);

    progress.phase(
      'Setting up: the demo media server, a hub seeded with Dali, the browser shell, two browsers',
    );
    const environment = await startVideoEnvironment(makeTempDir('pingan-bench-video-', cleanup), progress);
    const barePage = await startBarePageServer();
    // A browser server, connected to: unlike a launched Browser it tells its process, whose tree is measured.
    const launch = async () => {
      const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      const browser = await chromium.connect(server.wsEndpoint());
      return { server, browser, pid: server.process().pid! };
    };
    const productServer = await launch();
    const bareServer = await launch();
    const productBrowser = productServer.browser;
    const bareBrowser = bareServer.browser;
    try {
      progress.update('the desktop catching up with the hub');
      const pages = await Pages.open(environment, productBrowser, bareBrowser, barePage.url);
      const groups: Record<string, ProcessGroup> = {
        product: { kind: 'tree', root: productServer.pid },
        bare: { kind: 'tree', root: bareServer.pid },
        cameras: { kind: 'tree-named', root: process.pid, comm: 'ffmpeg' },
        bench: { kind: 'process', pid: process.pid },
      };

      progress.phase(`Click to first frame: ${options.clickRounds} cameras, product and bare page in turn`);
      const first = await firstFrames(pages, environment, options, progress);

      progress.phase(`Glass-to-glass, one stream: ${options.latencySamples} frames each`);
      const latency = await oneStreamLatency(pages, environment, reader, options, first.panelRect);

      progress.phase(`No video: both pages idle for ${options.idleSeconds} s`);
      const idle = await idleCpu(groups, options.idleSeconds);

      const sizes: SizeResult[] = [];
      for (const streams of options.sizes)
        sizes.push(await atSize(streams, pages, environment, reader, options, groups, progress));

      return {
        settings: {
          ...VIDEO_BENCH,
          ...options,
          chromium: await productBrowser.version(),
          ffmpeg: environment.ffmpeg,
          picture: DEFAULT_PICTURE,
          player: PRODUCT_PLAYER_CONFIG,
          clockWindow: reader.window,
        },
        measurements: {
          readerCheck,
          firstFrame: { product: first.product, bare: first.bare },
          latency,
          idle,
          sizes,
        },
        rows: [
          ...firstFrameRows(first),
          ...latencyRows(latency, readerCheck),
          idleRow(idle),
          ...sizes.flatMap((size) => sizeRows(size, idle)),
        ],
      };
    } finally {
      await productBrowser.close();
      await bareBrowser.close();
      await productServer.server.close();
      await bareServer.server.close();
      await barePage.close();
      await environment.stop();
    }
  },
};
