import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/core/contract/csp';
import type * as CoreClientModule from '../../src/core/worker/core-client';

/**
 * Electron's binary cannot run on the build machines, so the shell is exercised against a stand-in
 * `electron` module that records what the shell asks of it.
 */
const electron = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const windows: Array<{ options: Record<string, unknown>; webContents: object; url?: string }> = [];
  let readyCallback: (() => unknown) | undefined;
  return {
    handlers,
    windows,
    fireReady: async () => readyCallback?.(),
    module: {
      app: {
        getAppPath: () => process.cwd(),
        getPath: () => userDataDir(),
        requestSingleInstanceLock: vi.fn(() => true),
        enableSandbox: vi.fn(),
        quit: vi.fn(),
        on: vi.fn(),
        whenReady: () => ({ then: (callback: () => unknown) => void (readyCallback = callback) }),
      },
      ipcMain: {
        handle: (channel: string, handler: (...args: unknown[]) => unknown) => handlers.set(channel, handler),
      },
      BrowserWindow: class {
        webContents = {};
        url?: string;
        constructor(readonly options: Record<string, unknown>) {
          windows.push(this);
        }
        loadURL(url: string) {
          this.url = url;
          return Promise.resolve();
        }
        on() {
          return this;
        }
        static getFocusedWindow() {
          return undefined;
        }
        static fromWebContents(contents: object) {
          return windows.find((window) => window.webContents === contents) ?? null;
        }
      },
      screen: {
        getAllDisplays: () => [
          { workArea: { x: 0, y: 0, width: 1920, height: 1080 } },
          { workArea: { x: 1920, y: 0, width: 3840, height: 2160 } },
        ],
      },
      Menu: {
        buildFromTemplate: (template: unknown) => ({ template }),
        setApplicationMenu: vi.fn(),
      },
      session: {
        defaultSession: { setPermissionRequestHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } },
      },
      dialog: {
        showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '' })),
      },
    },
  };
});
vi.mock('electron', () => electron.module);

let userData: string | undefined;
function userDataDir(): string {
  userData ??= mkdtempSync(join(tmpdir(), 'pingan-electron-'));
  return userData;
}

/** The packaged worker bundle does not exist in tests: run the same core worker from source. */
vi.mock('../../src/core/worker/core-client', async (importOriginal) => {
  const original = await importOriginal<typeof CoreClientModule>();
  return {
    ...original,
    startCoreWorker: (options: Parameters<typeof original.startCoreWorker>[0]) =>
      original.startCoreWorker(options),
  };
});

describe('the Electron shell', () => {
  beforeEach(async () => {
    vi.resetModules();
    electron.handlers.clear();
    electron.windows.length = 0;
    await import('../../electron/main');
    await electron.fireReady();
  });

  it('takes the single-instance lock and turns on the sandbox for every renderer', () => {
    expect(electron.module.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.module.app.enableSandbox).toHaveBeenCalled();
  });

  it('opens a map window and a panels window, the panels on the second display', () => {
    expect(electron.windows.map((w) => new URL(w.url!).searchParams.get('view'))).toEqual(['map', 'panels']);
    expect(electron.windows[0]!.options).toMatchObject({ x: 160, y: 90 });
    expect(Number(electron.windows[1]!.options.x)).toBeGreaterThanOrEqual(1920);
  });

  it('denies every permission a page asks for (camera, microphone, notifications …)', () => {
    const handler = electron.module.session.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      contents: unknown,
      permission: string,
      decide: (granted: boolean) => void,
    ) => void;
    const decide = vi.fn();
    handler({}, 'media', decide);
    expect(decide).toHaveBeenCalledWith(false);
  });

  it('sends the one Content Security Policy with everything the app loads', () => {
    const listener = electron.module.session.defaultSession.webRequest.onHeadersReceived.mock.calls.at(
      -1,
    )![0] as (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const callback = vi.fn();
    listener({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('opens every window with context isolation, sandbox and no Node in the page', () => {
    const prefs = electron.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    expect(electron.windows[0]!.url).toMatch(/^file:.*out\/renderer\/index\.html\?view=map$/);
  });

  it('lets every window sound an alert without a gesture: an unattended wall must still chime', () => {
    expect(electron.windows.length).toBeGreaterThan(0);
    for (const window of electron.windows) {
      const prefs = window.options.webPreferences as Record<string, unknown>;
      expect(prefs.autoplayPolicy).toBe('no-user-gesture-required');
    }
  });

  it('answers desktop calls only from its own window at its own page', async () => {
    const handle = electron.handlers.get('pingan:call')!;
    const window = electron.windows[0]!;
    const appUrl = window.url!;
    const panels = electron.windows[1]!;
    const fromPanels = { sender: panels.webContents, senderFrame: { url: panels.url } };
    const trusted = { sender: window.webContents, senderFrame: { url: appUrl } };
    const foreignPage = { sender: window.webContents, senderFrame: { url: 'https://example.com/' } };
    const otherWindow = { sender: {}, senderFrame: { url: appUrl } };

    const answer = (await handle(trusted, 'region.overview', {})) as { ok: boolean };
    expect(answer.ok).toBe(true);
    expect(((await handle(fromPanels, 'region.overview', {})) as { ok: boolean }).ok).toBe(true);
    expect(await handle(foreignPage, 'region.overview', {})).toEqual({
      ok: false,
      error: 'refused: untrusted sender',
    });
    expect(await handle(otherWindow, 'region.overview', {})).toEqual({
      ok: false,
      error: 'refused: untrusted sender',
    });
    expect(await handle(trusted, 42, {})).toEqual({ ok: false, error: 'refused: method must be a string' });
  });
});

describe('saving a document as PDF', () => {
  const pdfBytes = Buffer.from('%PDF-1.7 test document');
  let handle: (...args: unknown[]) => Promise<unknown>;
  let trusted: { sender: { printToPDF: ReturnType<typeof vi.fn> }; senderFrame: { url: string } };

  beforeEach(async () => {
    vi.resetModules();
    electron.handlers.clear();
    electron.windows.length = 0;
    await import('../../electron/main');
    await electron.fireReady();
    handle = electron.handlers.get('pingan:print-pdf') as typeof handle;
    const window = electron.windows[1]! as { webContents: object; url?: string };
    window.webContents = { printToPDF: vi.fn(async () => pdfBytes) };
    trusted = {
      sender: window.webContents as typeof trusted.sender,
      senderFrame: { url: window.url!.split('?')[0]! },
    };
    electron.module.dialog.showSaveDialog.mockClear();
  });

  it('prints the asking page to A4 and writes it where the operator chose', async () => {
    const target = join(userDataDir(), '大理市每日通报.pdf');
    electron.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    expect(await handle(trusted, '大理市每日通报.pdf')).toEqual({ ok: true, value: { savedTo: target } });
    expect(trusted.sender.printToPDF).toHaveBeenCalledWith(expect.objectContaining({ pageSize: 'A4' }));
    expect(readFileSync(target)).toEqual(pdfBytes);
    const options = electron.module.dialog.showSaveDialog.mock.calls[0]!.at(-1) as { defaultPath: string };
    expect(options.defaultPath).toBe(join(userDataDir(), '大理市每日通报.pdf'));
  });

  it('writes nothing when the operator cancels the save dialog', async () => {
    electron.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await handle(trusted, 'notice.pdf')).toEqual({ ok: true, value: { savedTo: null } });
    expect(trusted.sender.printToPDF).not.toHaveBeenCalled();
  });

  it.each([
    ['a path', '../../etc/passwd.pdf'],
    ['a Windows path', 'C:\\Users\\notice.pdf'],
    ['another kind of file', 'notice.exe'],
    ['no name at all', 42],
  ])('refuses %s as the file name, before asking where to save', async (_what, fileName) => {
    const answer = (await handle(trusted, fileName)) as { ok: boolean; error: string };
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^refused: /) });
    expect(electron.module.dialog.showSaveDialog).not.toHaveBeenCalled();
  });

  it('refuses a page that is not the app’s own', async () => {
    const foreign = { ...trusted, senderFrame: { url: 'https://example.com/' } };
    expect(await handle(foreign, 'notice.pdf')).toEqual({ ok: false, error: 'refused: untrusted sender' });
    expect(trusted.sender.printToPDF).not.toHaveBeenCalled();
  });
});

describe('navigation lock', () => {
  it('blocks navigation away from the app and refuses every new window', async () => {
    const { lockNavigation } = await import('../../electron/security');
    const contents = new EventEmitter() as EventEmitter & {
      setWindowOpenHandler: (h: () => unknown) => void;
    };
    let openHandler: (() => unknown) | undefined;
    contents.setWindowOpenHandler = (handler) => (openHandler = handler);
    lockNavigation(contents as never, (url) => url === 'file:///app/index.html');

    const away = { preventDefault: vi.fn() };
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.preventDefault).toHaveBeenCalled();

    const stay = { preventDefault: vi.fn() };
    contents.emit('will-navigate', stay, 'file:///app/index.html');
    expect(stay.preventDefault).not.toHaveBeenCalled();

    expect(openHandler?.()).toEqual({ action: 'deny' });
  });
});
