import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './renderer-build';

export const ELECTRON_OUT_DIR = join(REPO_ROOT, 'out/electron');

/** Bundles the main process and preload script; Electron loads CommonJS, with native modules left outside. */
export async function buildElectronShell(): Promise<void> {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    platform: 'node' as const,
    format: 'cjs' as const,
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
    logLevel: 'warning' as const,
  };
  await build({
    ...common,
    entryPoints: [join(REPO_ROOT, 'electron/main.ts')],
    outfile: join(ELECTRON_OUT_DIR, 'main.cjs'),
  });
  await build({
    ...common,
    entryPoints: [join(REPO_ROOT, 'electron/preload.ts')],
    outfile: join(ELECTRON_OUT_DIR, 'preload.cjs'),
  });
}

export function launchElectron(binary: string, region: string): ChildProcess {
  return spawn(binary, [join(ELECTRON_OUT_DIR, 'main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, PINGAN_REGION: region },
  });
}
