import { spawn } from 'node:child_process';
import { stopChild, trackChild } from '../lib/children';
import type { Cleanup } from '../lib/cleanup';
import { REPO_ROOT } from '../lib/paths';
import { REGION } from './dali';

const START_TIMEOUT_MS = 60_000;
const OUTPUT_KEPT_FOR_ERRORS = 4000;

export interface HubProcess {
  url: string;
  pid: number;
  /** `work`, unless the hub exits before it is done: then fails at once, rather than waiting on a dead hub. */
  whileRunning<T>(work: Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The hub as operators run it, `pingan hub`, in a process of its own so that its memory is its own.
 * Its output goes to stderr (warnings only), away from the results on stdout.
 */
export async function startHubProcess(dbFile: string, cleanup: Cleanup): Promise<HubProcess> {
  const child = spawn(
    process.execPath,
    ['bin/pingan.js', 'hub', '--db', `sqlite:${dbFile}`, '--port', '0', '--region', REGION],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, PINGAN_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  trackChild(child, cleanup);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT_FOR_ERRORS);
    process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the hub did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.off('exit', onExit);
      resolve(match[1]!);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the hub exited (code ${code}) before listening:\n${output}`));
    };
    child.stdout.on('data', onData);
    child.once('exit', onExit);
  });

  let stopping = false;
  const exitedUnasked = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) => {
      if (!stopping) reject(new Error(`the hub process exited (${signal ?? `code ${code}`}):\n${output}`));
    }),
  );
  exitedUnasked.catch(() => undefined);

  return {
    url,
    pid: child.pid!,
    whileRunning: (work) => Promise.race([work, exitedUnasked]),
    stop() {
      stopping = true;
      return stopChild(child);
    },
  };
}
