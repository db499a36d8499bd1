import type { CoreClient } from '../../src/core/worker/core-client';

/** One answer from the core and how long it took, from the call to the answer on this thread. */
export interface Timed<T> {
  ms: number;
  value: T;
}

export async function call<T>(core: CoreClient, method: string, input: unknown): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(`${method}: ${result.error.message ?? result.error.code}`);
  return result.value as T;
}

export async function timedCall<T>(core: CoreClient, method: string, input: unknown): Promise<Timed<T>> {
  const started = performance.now();
  const value = await call<T>(core, method, input);
  return { ms: performance.now() - started, value };
}

/** The length of an answer as JSON text: about what crosses from the worker to the window. */
export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}
