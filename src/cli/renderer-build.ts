import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const RENDERER_OUT_DIR = join(REPO_ROOT, 'out/renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when it was never built or its sources changed since, so `npm start` just works. */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  const builtIndex = join(RENDERER_OUT_DIR, 'index.html');
  const sources = [
    join(REPO_ROOT, 'renderer'),
    join(REPO_ROOT, 'src/domain'),
    join(REPO_ROOT, 'src/core/contract'),
  ];
  const stale =
    !existsSync(builtIndex) || sources.some((dir) => newestMtime(dir) > statSync(builtIndex).mtimeMs);
  if (stale) {
    log('Building the interface (first start, or its sources changed)…');
    const { build } = await import('vite');
    await build({ configFile: join(REPO_ROOT, 'renderer/vite.config.ts'), logLevel: 'warn' });
  }
  return RENDERER_OUT_DIR;
}
