import { parentPort, workerData } from 'node:worker_threads';
import { DESKTOP_EVENT_NAMES } from '../contract/events';
import { DesktopCore } from '../desktop-core';
import { dispatchDesktopCall } from '../transports/dispatch';
import type { CoreWorkerData, FromCoreWorker, ToCoreWorker } from './messages';

/** The desktop core in its own thread: SQLite work never blocks the window or the shell's server. */
const port = parentPort!;
const send = (message: FromCoreWorker) => port.postMessage(message);

try {
  const core = new DesktopCore(workerData as CoreWorkerData);
  for (const name of DESKTOP_EVENT_NAMES) core.on(name, (payload) => send({ type: 'event', name, payload }));
  port.on('message', (message: ToCoreWorker) => {
    if (message.type === 'close') {
      core.close();
      send({ type: 'closed' });
      return;
    }
    void dispatchDesktopCall(core.handlers, message.method, message.input).then((result) =>
      send({ type: 'result', id: message.id, result }),
    );
  });
  core.start();
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
}
