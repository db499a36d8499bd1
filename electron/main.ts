import { app, BrowserWindow, ipcMain, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCoreWorker, type CoreClient } from '../src/core/worker/core-client';
import { registerDesktopIpc } from './ipc';
import { lockNavigation, secureWebPreferences } from './security';

// In development the app path is the repository; packaged, it is the app's resources folder.
const appPath = app.getAppPath();
const rendererIndex = join(appPath, 'out/renderer/index.html');
const appUrl = pathToFileURL(rendererIndex).href;
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
  let mainWindow: BrowserWindow | undefined;
  let core: CoreClient | undefined;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, isAppUrl));

  void app.whenReady().then(async () => {
    core = await startCoreWorker(coreOptions(), join(appPath, 'out/electron/core-worker.cjs'));
    const windows = (): WebContents[] => (mainWindow ? [mainWindow.webContents] : []);
    registerDesktopIpc(
      ipcMain,
      core,
      (event) => event.sender === mainWindow?.webContents && isAppUrl(event.senderFrame?.url ?? ''),
      windows,
    );
    mainWindow = new BrowserWindow({
      width: 1920,
      height: 1080,
      backgroundColor: '#0b1220',
      title: '平安指挥',
      webPreferences: secureWebPreferences(join(appPath, 'out/electron/preload.cjs')),
    });
    void mainWindow.loadURL(appUrl);
  });

  app.on('window-all-closed', () => {
    void (core?.close() ?? Promise.resolve()).then(() => app.quit());
  });
}
