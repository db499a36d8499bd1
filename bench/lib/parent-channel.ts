import { CHILD_CONFIG_VARIABLE, type FailedMessage, type Message } from './children';

/** For a forked child: its end of the IPC channel. */
export function sendToParent<M extends Message>(message: M): void {
  process.send!(message);
}

/** The configuration the parent forked this child with. */
export function configFromParent<T>(): T {
  const config = process.env[CHILD_CONFIG_VARIABLE];
  if (config === undefined)
    throw new Error(`${CHILD_CONFIG_VARIABLE} is not set: fork this module with forkTypeScript`);
  return JSON.parse(config) as T;
}

/** Exits when the parent goes away, so that no child outlives a benchmark run. Call it first thing. */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(0));
}

/** Hands each message from the parent to `handle`; a failure is reported to the parent, which decides. */
export function onParentMessage<M extends Message>(handle: (message: M) => Promise<void>): void {
  process.on('message', (message: M) => {
    handle(message).catch(reportFailure);
  });
}

export function reportFailure(error: unknown): void {
  const failed: FailedMessage = {
    type: 'failed',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  sendToParent(failed);
}
