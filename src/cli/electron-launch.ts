import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './renderer-build';

export const ELECTRON_OUT_DIR = join(REPO_ROOT, 'out/electron');

const ENTRY_POINTS = {
  'main.cjs': 'electron/main.ts',
  'preload.cjs': 'electron/preload.ts',
  'core-worker.cjs': 'src/core/worker/core-worker.ts',
};

/**
 * Bundles the main process, the preload script and the core's worker. Electron loads CommonJS; native
 * modules stay outside the bundle; `import.meta.url` is given its CommonJS meaning.
 */
export async function buildElectronShell(): Promise<void> {
  const { build } = await import('esbuild');
  for (const [outfile, entry] of Object.entries(ENTRY_POINTS)) {
    await build({
      entryPoints: [join(REPO_ROOT, entry)],
      outfile: join(ELECTRON_OUT_DIR, outfile),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron', 'better-sqlite3'],
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      logLevel: 'warning',
    });
  }
}

export function launchElectron(binary: string, env: Record<string, string>): ChildProcess {
  return spawn(binary, [join(ELECTRON_OUT_DIR, 'main.cjs')], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}
