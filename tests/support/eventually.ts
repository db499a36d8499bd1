import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** What was seen instead, for the failure message: the last state the predicate was asked about. */
  seen?: () => unknown;
}

/**
 * Polls `predicate` until it holds, and fails loudly when it never does: the error names what was awaited,
 * for how long, and what was seen instead. A wait that ends quietly would let the assertion after it fail
 * for a reason nobody can read, or pass against a state that never came.
 */
export async function until(
  awaited: string,
  predicate: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, intervalMs = 20, seen }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) {
      const instead = seen ? `; seen instead: ${JSON.stringify(seen())}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${awaited}${instead}`);
    }
    await sleep(intervalMs);
  }
}

/** Polls `read` until it returns a value (not undefined), failing loudly as `until` does. */
export async function untilValue<T>(
  awaited: string,
  read: () => T | undefined,
  options: WaitOptions = {},
): Promise<T> {
  let value: T | undefined;
  await until(
    awaited,
    () => {
      value = read();
      return value !== undefined;
    },
    options,
  );
  return value!;
}
