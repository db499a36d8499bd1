import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/paths';

/**
 * The baseline: a page holding nothing but mpegts.js players with the product's configuration, laid out where
 * the product's players were. Served on loopback by the benchmark.
 */

/** The product's player configuration (`createFlvPlayer` in renderer/src/video/VideoPlayer.tsx). */
export const PRODUCT_PLAYER_CONFIG = {
  enableWorker: false,
  enableStashBuffer: false,
  lazyLoad: false,
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 1.5,
  liveBufferLatencyMinRemain: 0.3,
} as const;

/**
 * Throws if the product's player is no longer configured as the baseline copies it: a baseline with other
 * settings would measure something else.
 */
export function checkPlayerConfigMatchesProduct(): void {
  const source = readFileSync(join(REPO_ROOT, 'renderer/src/video/VideoPlayer.tsx'), 'utf8');
  const missing = Object.entries(PRODUCT_PLAYER_CONFIG)
    .filter(([key, value]) => !source.includes(`${key}: ${JSON.stringify(value)}`))
    .map(([key]) => key);
  if (!source.includes("{ type: 'flv', isLive: true, hasAudio: false, url }"))
    missing.push('media data source');
  if (missing.length > 0)
    throw new Error(
      `the product's player configuration changed (${missing.join(', ')}): ` +
        'update PRODUCT_PLAYER_CONFIG in bench/video/bare-page.ts',
    );
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Bare mpegts.js players</title>
<style>
  html, body { margin: 0; height: 100%; background: #0d1628; overflow: hidden; }
  .cell { position: absolute; background: #000; }
  video { width: 100%; height: 100%; object-fit: contain; display: block; }
</style>
<script src="/mpegts.js"></script>
</head>
<body>
<script>
  const CONFIG = ${JSON.stringify(PRODUCT_PLAYER_CONFIG)};
  mpegts.LoggingControl.applyConfig({ enableDebug: false, enableVerbose: false, enableInfo: false });
  const players = [];
  /** Video elements at the given places (CSS pixels), empty. */
  window.benchLayout = (rects) => {
    window.benchStopAll();
    document.body.replaceChildren();
    for (const rect of rects) {
      const cell = document.createElement('div');
      cell.className = 'cell';
      Object.assign(cell.style, {
        left: rect.x + 'px', top: rect.y + 'px', width: rect.width + 'px', height: rect.height + 'px',
      });
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      cell.append(video);
      document.body.append(cell);
    }
  };
  /** The product's player on cell \`index\`'s video. */
  window.benchPlay = (index, url) => {
    const player = mpegts.createPlayer({ type: 'flv', isLive: true, hasAudio: false, url }, CONFIG);
    player.attachMediaElement(document.querySelectorAll('video')[index]);
    player.load();
    Promise.resolve(player.play()).catch(() => undefined);
    players.push(player);
  };
  window.benchStopAll = () => {
    for (const player of players.splice(0)) player.destroy();
  };
</script>
</body>
</html>
`;

export interface BarePageServer {
  url: string;
  close(): Promise<void>;
}

export function startBarePageServer(): Promise<BarePageServer> {
  const script = readFileSync(join(REPO_ROOT, 'node_modules/mpegts.js/dist/mpegts.js'));
  const server: Server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    } else if (req.url === '/mpegts.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address !== 'object' || !address) return reject(new Error('no port for the bare page'));
      resolve({
        url: `http://127.0.0.1:${address.port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
