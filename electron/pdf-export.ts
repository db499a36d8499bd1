import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { PRINT_PDF_CHANNEL } from './ipc-channel';

/** A file name the page may suggest: a PDF's name, never a path. */
export const pdfFileNameSchema = z
  .string()
  .min(5)
  .max(120)
  .refine(
    (name) => /\.pdf$/i.test(name) && ![...name].some((char) => '/\\:*?"<>|'.includes(char) || char < ' '),
    'a PDF file name without folders, ending in .pdf',
  );

export type PdfExportResult = { ok: true; value: { savedTo: string | null } } | { ok: false; error: string };

/**
 * Saves the page that asked as a PDF (the print stylesheet decides what is on it), where the operator picks.
 * Electron's `printToPDF` renders it without a printer or the system dialog, so documents come out the same on
 * every centre's machine.
 */
export function registerPdfExport(
  ipcMain: IpcMain,
  dialog: Pick<Dialog, 'showSaveDialog'>,
  windowOf: (event: IpcMainInvokeEvent) => BrowserWindow | null,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
  documentsDir: string,
): () => void {
  ipcMain.handle(PRINT_PDF_CHANNEL, async (event, fileName: unknown): Promise<PdfExportResult> => {
    if (!isTrustedSender(event)) return { ok: false, error: 'refused: untrusted sender' };
    const name = pdfFileNameSchema.safeParse(fileName);
    if (!name.success) return { ok: false, error: `refused: ${name.error.issues[0]!.message}` };
    const window = windowOf(event);
    const options = {
      defaultPath: join(documentsDir, name.data),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const choice = window
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return { ok: true, value: { savedTo: null } };
    const pdf = await event.sender.printToPDF({
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    await writeFile(choice.filePath, pdf);
    return { ok: true, value: { savedTo: choice.filePath } };
  });
  return () => ipcMain.removeHandler(PRINT_PDF_CHANNEL);
}
