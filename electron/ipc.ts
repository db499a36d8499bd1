import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { DesktopHandlers } from '../src/core/desktop-service';
import { dispatchDesktopCall } from '../src/core/transports/dispatch';

import { DESKTOP_CALL_CHANNEL } from './ipc-channel';

/**
 * The Electron transport of the desktop API. A call is answered only when it comes from the app's own
 * page in a window we created; anything else is refused without touching the core.
 */
export function registerDesktopIpc(
  ipcMain: IpcMain,
  handlers: DesktopHandlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  ipcMain.handle(DESKTOP_CALL_CHANNEL, async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event)) return { ok: false, error: 'refused: untrusted sender' };
    if (typeof method !== 'string') return { ok: false, error: 'refused: method must be a string' };
    return dispatchDesktopCall(handlers, method, input);
  });
}
