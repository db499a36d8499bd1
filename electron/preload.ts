import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_CALL_CHANNEL } from './ipc-channel';

/** The only thing the page can reach: one call function on one channel. */
contextBridge.exposeInMainWorld('pingan', {
  call: (method: string, input: unknown) => ipcRenderer.invoke(DESKTOP_CALL_CHANNEL, method, input),
});
