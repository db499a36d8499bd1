import type { BrowserWindowConstructorOptions, WebContents } from 'electron';

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
