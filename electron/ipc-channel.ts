/** Shared by the main process and the preload script, which may import nothing heavier. */
export const DESKTOP_CALL_CHANNEL = 'pingan:call';
export const DESKTOP_EVENT_CHANNEL = 'pingan:event';
export const PRINT_PDF_CHANNEL = 'pingan:print-pdf';
