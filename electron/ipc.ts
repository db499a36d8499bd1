import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { DESKTOP_EVENT_NAMES } from '../src/core/contract/events';
import type { CoreClient } from '../src/core/worker/core-client';
import { DESKTOP_CALL_CHANNEL, DESKTOP_EVENT_CHANNEL } from './ipc-channel';

/**
 * The Electron transport of the desktop API. A call is answered only when it comes from the app's own
 * page in a window we created; anything else is refused without reaching the core. Events go only to
 * the app's own windows.
 */
export function registerDesktopIpc(
  ipcMain: IpcMain,
  core: CoreClient,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  appWindows: () => WebContents[],
): () => void {
  ipcMain.handle(DESKTOP_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return { ok: false, error: 'refused: untrusted sender' };
    if (typeof method !== 'string') return { ok: false, error: 'refused: method must be a string' };
    return core.call(method, input);
  });
  const stops = DESKTOP_EVENT_NAMES.map((name) =>
    core.on(name, (payload) => {
      for (const contents of appWindows()) contents.send(DESKTOP_EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(DESKTOP_CALL_CHANNEL);
    stops.forEach((stop) => stop());
  };
}
