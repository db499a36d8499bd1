import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { contentSecurityPolicy, mediaOriginsFrom } from '../src/core/contract/csp';

/** The renderer gets no Node, runs sandboxed, and talks to the core only through the preload bridge. */
export function secureWebPreferences(preloadPath: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    // The wall chimes for a new high-risk incident with nobody at the keyboard to give the page a gesture.
    autoplayPolicy: 'no-user-gesture-required',
  };
}

/** Only the app's own pages may load; links never open new windows inside the app. */
export function lockNavigation(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * What the app loads carries the renderer's policy as a header too, the same one the browser shell sends;
 * index.html holds it in a meta element for the file:// pages that may get no header.
 */
export function sendContentSecurityPolicy(session: Session): void {
  // The media gateways the package was built for, as in index.html's own policy.
  const policy = contentSecurityPolicy(mediaOriginsFrom(process.env.PINGAN_MEDIA_ORIGINS));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
