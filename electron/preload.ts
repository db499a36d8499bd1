import { contextBridge, ipcRenderer } from 'electron';
import { DESKTOP_CALL_CHANNEL, DESKTOP_EVENT_CHANNEL, PRINT_PDF_CHANNEL } from './ipc-channel';

/**
 * The only things the page can reach: one call function and one event feed, each on its own channel, and
 * saving the page as a PDF.
 */
contextBridge.exposeInMainWorld('pingan', {
  call: (method: string, input: unknown) => ipcRenderer.invoke(DESKTOP_CALL_CHANNEL, method, input),
  onEvent: (listener: (name: string, payload: unknown) => void) => {
    const forward = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(DESKTOP_EVENT_CHANNEL, forward);
    return () => ipcRenderer.off(DESKTOP_EVENT_CHANNEL, forward);
  },
  printToPdf: (fileName: string) => ipcRenderer.invoke(PRINT_PDF_CHANNEL, fileName),
});
