import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createDesktopHandlers } from '../core/desktop-service';
import { startLocalShellServer } from '../core/transports/local-http';
import { buildElectronShell, launchElectron } from './electron-launch';
import { REPO_ROOT, ensureRendererBuilt } from './renderer-build';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Electron's npm package downloads its binary on first use; machines without internet never get one. */
export function installedElectronBinary(): string | undefined {
  const packageDir = join(REPO_ROOT, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function openInChromiumAppMode(url: string): boolean {
  const chromium = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!chromium) return false;
  const child = spawn(chromium, [`--app=${url}`, '--disable-background-networking', '--disable-sync'], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  return true;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the desktop dashboard (Electron where installed, else the browser shell)')
    .option('--region <id>', 'region to show', 'dali')
    .option('--no-open', 'open no window; print the address to open')
    .option('--port <port>', 'port for the browser shell (default: any free port)', Number)
    .action(async (options: { region: string; open: boolean; port?: number }) => {
      const rendererDir = await ensureRendererBuilt((line) => console.log(line));
      const electronBinary = installedElectronBinary();
      if (electronBinary) {
        await buildElectronShell();
        launchElectron(electronBinary, options.region).on('exit', (code) => process.exit(code ?? 0));
        return;
      }
      console.log("Electron's binary is not installed on this machine: starting the browser shell.");
      const handlers = createDesktopHandlers(options.region);
      const shell = await startLocalShellServer({
        handlers,
        rendererDir,
        ...(options.port ? { port: options.port } : {}),
      });
      if (!options.open || !openInChromiumAppMode(shell.url)) {
        console.log(`Open: ${shell.url}`);
      }
      const stop = () => {
        void shell.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
