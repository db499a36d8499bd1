import type { BrowserContext, Page } from '@playwright/test';

/** Every http(s) or ws(s) request the pages make to anywhere but 127.0.0.1, collected as it happens. */
export function collectForeignRequests(target: BrowserContext | Page): string[] {
  const foreign: string[] = [];
  target.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(url.href);
  });
  return foreign;
}
