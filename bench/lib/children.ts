import { fork, type ChildProcess } from 'node:child_process';
import type { Cleanup } from './cleanup';
import { REPO_ROOT } from './paths';

export interface Message {
  type: string;
}

/** How a child reports a failure: the parent, waiting for an answer, gives up with this message. */
export interface FailedMessage {
  type: 'failed';
  message: string;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Kills the child when the run is cleaned up, unless it has exited by then. */
export function trackChild(child: ChildProcess, cleanup: Cleanup): void {
  const release = cleanup.add(() => {
    if (isRunning(child)) child.kill('SIGKILL');
  });
  child.once('exit', release);
}

/** Where a forked child finds its configuration: the environment, unlike arguments, is not on show in `ps`. */
export const CHILD_CONFIG_VARIABLE = 'PINGAN_BENCH_CHILD_CONFIG';

/**
 * Forks a TypeScript module of the benchmark with an IPC channel, handing it `config` (and Node `nodeOptions`). Its output goes to
 * stderr so that stdout carries only the results.
 */
export function forkTypeScript(
  entry: string,
  config: unknown,
  cleanup: Cleanup,
  nodeOptions: readonly string[] = [],
): ChildProcess {
  const child = fork(entry, [], {
    cwd: REPO_ROOT,
    env: { ...process.env, [CHILD_CONFIG_VARIABLE]: JSON.stringify(config) },
    execArgv: ['--import', 'tsx', ...nodeOptions],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  trackChild(child, cleanup);
  return child;
}

/** The child's next message of `type`; rejects when it reports a failure, exits or takes too long. */
export function nextMessage<M extends Message>(
  child: ChildProcess,
  type: M['type'],
  timeoutMs: number,
  waitingFor: string,
): Promise<M> {
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    const onMessage = (message: Message) => {
      if (message.type === type) finish(() => resolve(message as M));
      else if (message.type === 'failed')
        finish(() => reject(new Error(`${waitingFor}: ${(message as FailedMessage).message}`)));
    };
    const onExit = (code: number | null, signal: string | null) =>
      finish(() => reject(new Error(`${waitingFor}: the process exited (${signal ?? `code ${code}`})`)));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`${waitingFor}: no answer within ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Sends `request` and waits for the reply of type `replyType`. */
export function ask<M extends Message>(
  child: ChildProcess,
  request: Message,
  replyType: M['type'],
  timeoutMs: number,
  waitingFor: string,
): Promise<M> {
  const reply = nextMessage<M>(child, replyType, timeoutMs, waitingFor);
  child.send(request);
  return reply;
}

/**
 * Asks the child to exit (closing the IPC channel for a forked child, which then exits on its own; SIGTERM
 * otherwise) and kills it if it has not exited after `graceMs`.
 */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
