import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './renderer-build';

/** The main process, preload script and core worker that `npm run build` compiles for Electron. */
export const ELECTRON_OUT_DIR = join(REPO_ROOT, 'out/electron');

export function launchElectron(binary: string, env: Record<string, string>): ChildProcess {
  const main = join(ELECTRON_OUT_DIR, 'main.cjs');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build`);
  return spawn(binary, [main], {
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
}
