import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DesktopApiResult, DesktopEventName, DesktopEventPayload } from '../contract/api';
import { CORE_STOPPED_ERROR } from '../contract/core-link';
import type { DesktopCoreOptions } from '../desktop-core';
import type { FromCoreWorker, ToCoreWorker } from './messages';

/** The shell's handle on the core running in its worker: calls in, results and events out. */
export interface CoreClient {
  call(method: string, input: unknown): Promise<DesktopApiResult<unknown>>;
  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void): () => void;
  close(): Promise<void>;
}

/** Compiled (`npm run build`), the worker's bundle sits beside this code; from source, tsx runs it. */
const runningFromSource = import.meta.url.endsWith('.ts');
export const DEFAULT_WORKER_ENTRY = fileURLToPath(
  new URL(runningFromSource ? './bootstrap.mjs' : './core-worker.js', import.meta.url),
);

export function startCoreWorker(
  options: DesktopCoreOptions,
  workerEntry = DEFAULT_WORKER_ENTRY,
): Promise<CoreClient> {
  const worker = new Worker(workerEntry, { workerData: options });
  const events = new EventEmitter();
  const pending = new Map<number, (result: DesktopApiResult<unknown>) => void>();
  let nextId = 1;
  let closing: (() => void) | undefined;
  let stopped = false;

  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.on('exit', (code) => {
      stopped = true;
      for (const answer of pending.values()) answer({ ok: false, error: CORE_STOPPED_ERROR });
      pending.clear();
      if (code !== 0) reject(new Error(`the desktop core stopped with code ${code}`));
      closing?.();
    });
    worker.on('message', (message: FromCoreWorker) => {
      switch (message.type) {
        case 'ready':
          resolve(client);
          break;
        case 'failed':
          reject(new Error(message.error));
          void worker.terminate();
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'event':
          events.emit(message.name, message.payload);
          break;
        case 'closed':
          void worker.terminate();
          break;
      }
    });

    const post = (message: ToCoreWorker) => worker.postMessage(message);
    const client: CoreClient = {
      call(method, input) {
        // A stopped worker would never answer: say so at once, so the screen can tell its link is down.
        if (stopped) return Promise.resolve({ ok: false, error: CORE_STOPPED_ERROR });
        const id = nextId++;
        return new Promise((answer) => {
          pending.set(id, answer);
          post({ type: 'call', id, method, input });
        });
      },
      on(event, listener) {
        events.on(event, listener as (payload: unknown) => void);
        return () => events.off(event, listener as (payload: unknown) => void);
      },
      close() {
        return new Promise((done) => {
          closing = done;
          post({ type: 'close' });
        });
      },
    };
  });
}
