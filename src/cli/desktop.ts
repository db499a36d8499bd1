import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { PASSWORD_FILE_OPTION, passwordFrom } from './password-source';
import { startLocalShellServer, type LocalShellServer } from '../core/transports/local-shell-server';
import { startCoreWorker, type CoreClient } from '../core/worker/core-client';
import { launchElectron } from './electron-launch';
import { REPO_ROOT, ensureRendererBuilt } from './renderer-build';
import { loadShellIdentity, saveShellIdentity } from './shell-identity';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Electron's npm package downloads its binary on first use; machines without internet never get one. */
export function installedElectronBinary(): string | undefined {
  const packageDir = join(REPO_ROOT, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/**
 * Whether a window can be shown: on Linux only with an X or Wayland display. Without one Chromium would exit at
 * once and the operator would be left with neither a window nor the address to open elsewhere.
 */
function hasDisplay(): boolean {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/**
 * What the browser shell's Chromium window is started with: nothing fetched behind the operator's back, and
 * audio allowed without a gesture, since a wall chimes for a new high-risk incident with nobody at it.
 */
export const BROWSER_SHELL_CHROMIUM_FLAGS = [
  '--disable-background-networking',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

function openInChromiumAppMode(url: string): boolean {
  const chromium = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!chromium || !hasDisplay()) return false;
  const child = spawn(chromium, [`--app=${url}`, ...BROWSER_SHELL_CHROMIUM_FLAGS], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  return true;
}

export interface DesktopOptions {
  region: string;
  cache: string;
  hub?: string;
  user?: string;
  password?: string;
  browser?: boolean;
  open: boolean;
  port?: number;
  /** The media gateways' origins the video players may fetch from (the demo's, or the deployment's). */
  mediaOrigins?: readonly string[];
}

/**
 * The browser shell on the port and with the token of its last launch, so open pages reconnect by
 * themselves; on any free port when that one is taken now.
 */
async function startBrowserShell(
  core: CoreClient,
  rendererDir: string,
  options: DesktopOptions,
): Promise<LocalShellServer> {
  const cacheFile = resolve(options.cache);
  const saved = loadShellIdentity(cacheFile);
  const port = options.port ?? saved.port;
  const mediaOrigins = options.mediaOrigins ?? [];
  let shell: LocalShellServer;
  try {
    shell = await startLocalShellServer({
      core,
      rendererDir,
      token: saved.token,
      mediaOrigins,
      ...(port ? { port } : {}),
    });
  } catch (error) {
    if (options.port || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    shell = await startLocalShellServer({ core, rendererDir, token: saved.token, mediaOrigins });
  }
  saveShellIdentity(cacheFile, { token: shell.token, port: (shell.server.address() as AddressInfo).port });
  return shell;
}

export interface RunningDesktop {
  url?: string;
  stop(): Promise<void>;
}

/** Starts the desktop: Electron where its binary exists (unless the browser shell is asked for), else the browser shell. */
export async function runDesktop(
  options: DesktopOptions,
  log: (line: string) => void,
): Promise<RunningDesktop> {
  const rendererDir = await ensureRendererBuilt(log);
  const hub = options.hub
    ? { url: options.hub, name: options.user ?? '', password: options.password ?? '' }
    : undefined;
  const electronBinary = options.browser ? undefined : installedElectronBinary();
  if (electronBinary) {
    const child = launchElectron(electronBinary, {
      PINGAN_REGION: options.region,
      PINGAN_CACHE: resolve(options.cache),
      ...(hub ? { PINGAN_HUB_URL: hub.url, PINGAN_USER: hub.name, PINGAN_PASSWORD: hub.password } : {}),
    });
    return { stop: async () => void child.kill('SIGTERM') };
  }
  if (!options.browser)
    log("Electron's binary is not installed on this machine: starting the browser shell.");
  const core = await startCoreWorker({
    cacheFile: resolve(options.cache),
    regionId: options.region,
    ...(hub ? { hub } : {}),
  });
  const shell = await startBrowserShell(core, rendererDir, options);
  if (!options.open || !openInChromiumAppMode(shell.url)) log(`Open: ${shell.url}`);
  return {
    url: shell.url,
    async stop() {
      await shell.close();
      await core.close();
    },
  };
}

export function stopOnSignals(stop: () => Promise<void>): void {
  const handler = () => void stop().then(() => process.exit(0));
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

export function registerDesktopCommand(desktop: Command): void {
  desktop
    .option('--browser', 'use the browser shell even where Electron is installed')
    .option('--hub <url>', 'the hub to sync with, e.g. http://127.0.0.1:7300')
    .option('--user <name>', 'operator account on the hub')
    .option(...PASSWORD_FILE_OPTION)
    .option('--region <id>', 'the region on screen', 'dali')
    .option('--cache <file>', 'the local cache', './data/desktop-cache.db')
    .option('--no-open', 'open no window; print one line, "Open: URL"')
    .option('--port <port>', 'port for the browser shell (default: any free port)', Number)
    .option(
      '--media-origin <url...>',
      "a media gateway's public origin the video players may fetch from (repeat for several)",
    )
    .action(
      async ({
        passwordFile,
        mediaOrigin,
        ...options
      }: DesktopOptions & { passwordFile?: string; mediaOrigin?: string[] }) => {
        const mediaOrigins = mediaOrigin ?? [];
        const password = passwordFrom(passwordFile);
        const desktop = await runDesktop(
          { ...options, mediaOrigins, ...(password ? { password } : {}) },
          (line) => console.log(line),
        );
        stopOnSignals(desktop.stop);
      },
    );
}
