import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  screen,
  session,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCoreWorker, type CoreClient } from '../src/core/worker/core-client';
import { registerDesktopIpc } from './ipc';
import { registerPdfExport } from './pdf-export';
import { menuTemplate } from './menu';
import { lockNavigation, secureWebPreferences, sendContentSecurityPolicy } from './security';
import {
  APP_WINDOWS,
  placeWindow,
  readWindowState,
  writeWindowState,
  type AppWindow,
  type SavedWindowState,
} from './window-state';

// In development the app path is the repository; packaged, it is the app's resources folder.
const appPath = app.getAppPath();
const appUrl = pathToFileURL(join(appPath, 'out/renderer/index.html')).href;
const isAppUrl = (url: string) => url.split(/[?#]/)[0] === appUrl;

/** What `pingan start` hands the shell: where the cache lives and which hub to sync with. */
function coreOptions() {
  const hubUrl = process.env.PINGAN_HUB_URL;
  return {
    cacheFile: process.env.PINGAN_CACHE ?? join(app.getPath('userData'), 'cache.db'),
    regionId: process.env.PINGAN_REGION ?? 'dali',
    regionsDir: join(appPath, 'assets/regions'),
    ...(hubUrl
      ? {
          hub: {
            url: hubUrl,
            name: process.env.PINGAN_USER ?? '',
            password: process.env.PINGAN_PASSWORD ?? '',
          },
        }
      : {}),
  };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  const windows = new Map<AppWindow, BrowserWindow>();
  const stateFile = join(app.getPath('userData'), 'window-state.json');
  const state: SavedWindowState = readWindowState(stateFile);
  let core: CoreClient | undefined;

  const remember = (name: AppWindow, window: BrowserWindow) => {
    state[name] = {
      bounds: window.getNormalBounds(),
      fullScreen: window.isFullScreen(),
      kiosk: window.isKiosk(),
    };
    writeWindowState(stateFile, state);
  };

  const openWindow = (name: AppWindow): BrowserWindow => {
    const existing = windows.get(name);
    if (existing && !existing.isDestroyed()) {
      existing.show();
      existing.focus();
      return existing;
    }
    const placed = placeWindow(name, state[name], screen.getAllDisplays());
    const window = new BrowserWindow({
      ...placed.bounds,
      fullscreen: placed.fullScreen,
      kiosk: placed.kiosk || process.env.PINGAN_KIOSK === '1',
      backgroundColor: '#0b1220',
      title: '平安指挥',
      webPreferences: secureWebPreferences(join(appPath, 'out/electron/preload.cjs')),
    });
    windows.set(name, window);
    window.on('close', () => remember(name, window));
    window.on('closed', () => windows.delete(name));
    void window.loadURL(`${appUrl}?view=${name}`);
    return window;
  };

  app.on('second-instance', () => {
    const window = windows.get('map') ?? windows.get('panels');
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, isAppUrl));

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, decide) => decide(false));
    sendContentSecurityPolicy(session.defaultSession);
    core = await startCoreWorker(coreOptions(), join(appPath, 'out/electron/core-worker.cjs'));
    const isTrustedSender = (event: IpcMainInvokeEvent) =>
      [...windows.values()].some((window) => window.webContents === event.sender) &&
      isAppUrl(event.senderFrame?.url ?? '');
    registerDesktopIpc(ipcMain, core, isTrustedSender, () =>
      [...windows.values()].map((window) => window.webContents),
    );
    registerPdfExport(
      ipcMain,
      dialog,
      (event) => BrowserWindow.fromWebContents(event.sender),
      isTrustedSender,
      app.getPath('documents'),
    );
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(
          {
            showWindow: (name) => void openWindow(name),
            toggleWallMode: () => {
              const window = BrowserWindow.getFocusedWindow();
              window?.setKiosk(!window.isKiosk());
            },
            quit: () => app.quit(),
          },
          process.platform,
        ),
      ),
    );
    for (const name of APP_WINDOWS) openWindow(name);
  });

  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).then(() => app.quit());
  });
}
