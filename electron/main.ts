import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDesktopHandlers } from '../src/core/desktop-service';
import { registerDesktopIpc } from './ipc';
import { lockNavigation, secureWebPreferences } from './security';

// In development the app path is the repository; packaged, it is the app's resources folder.
const appPath = app.getAppPath();
const rendererIndex = join(appPath, 'out/renderer/index.html');
const appUrl = pathToFileURL(rendererIndex).href;
const isAppUrl = (url: string) => url.split(/[?#]/)[0] === appUrl;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.enableSandbox();
  let mainWindow: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  app.on('web-contents-created', (_event, contents) => lockNavigation(contents, isAppUrl));

  void app.whenReady().then(() => {
    const region = process.env.PINGAN_REGION ?? 'dali';
    const regionsDir = join(appPath, 'assets/regions');
    registerDesktopIpc(ipcMain, createDesktopHandlers(region, regionsDir), (event) => {
      const frameUrl = event.senderFrame?.url ?? '';
      return event.sender === mainWindow?.webContents && isAppUrl(frameUrl);
    });
    mainWindow = new BrowserWindow({
      width: 1920,
      height: 1080,
      backgroundColor: '#0b1220',
      title: '平安指挥',
      webPreferences: secureWebPreferences(join(appPath, 'out/electron/preload.cjs')),
    });
    void mainWindow.loadURL(appUrl);
  });

  app.on('window-all-closed', () => app.quit());
}
