import type { DesktopApiResult } from '../contract/api';
import type { DesktopCoreOptions } from '../desktop-core';

/** What the shell's thread and the core's worker say to each other. */
export type ToCoreWorker = { type: 'call'; id: number; method: string; input: unknown } | { type: 'close' };

export type FromCoreWorker =
  | { type: 'ready' }
  | { type: 'failed'; error: string }
  | { type: 'result'; id: number; result: DesktopApiResult<unknown> }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'closed' };

export type CoreWorkerData = DesktopCoreOptions;
