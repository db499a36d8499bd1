import { spawn } from 'node:child_process';
import { stopChild, trackChild } from '../lib/children';
import type { Cleanup } from '../lib/cleanup';
import { REPO_ROOT } from '../lib/paths';

const OPEN_TIMEOUT_MS = 120_000;
const OUTPUT_KEPT_FOR_ERRORS = 4000;

export interface DesktopLaunch {
  hubUrl: string;
  user: string;
  passwordFile: string;
  cacheFile: string;
}

export interface StartedDesktop {
  /** Date.now() just before the process was spawned, and when it printed `Open:`. */
  spawnedAt: number;
  openAt: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * `pingan desktop --browser --no-open`, compiled, as an operator starts it: timed from the spawn to the line
 * that says where to open the wall.
 */
export async function startDesktopProcess(launch: DesktopLaunch, cleanup: Cleanup): Promise<StartedDesktop> {
  const spawnedAt = Date.now();
  const child = spawn(
    process.execPath,
    [
      'bin/pingan.js',
      'desktop',
      '--browser',
      '--no-open',
      '--region',
      'dali',
      '--hub',
      launch.hubUrl,
      '--user',
      launch.user,
      '--password-file',
      launch.passwordFile,
      '--cache',
      launch.cacheFile,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  trackChild(child, cleanup);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_FOR_ERRORS);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const { url, openAt } = await new Promise<{ url: string; openAt: number }>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`the desktop did not say where to open within ${OPEN_TIMEOUT_MS / 1000} s:\n${output}`),
        ),
      OPEN_TIMEOUT_MS,
    );
    const onData = () => {
      const match = /Open: (\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve({ url: match[1]!, openAt: Date.now() });
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the desktop exited (code ${code}) before saying where to open:\n${output}`));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });
  return { spawnedAt, openAt, url, stop: () => stopChild(child) };
}
