import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  showWindow(window: 'map' | 'panels'): void;
  toggleWallMode(): void;
  quit(): void;
}

/** The application menu, with the accelerators operators expect. */
export function menuTemplate(actions: MenuActions, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '文件 File',
      submenu: [{ label: '退出 Quit', accelerator: 'CmdOrCtrl+Q', click: () => actions.quit() }],
    },
    { role: 'editMenu' },
    {
      label: '视图 View',
      submenu: [
        { role: 'reload', accelerator: 'CmdOrCtrl+R' },
        { type: 'separator' },
        { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', accelerator: 'F11' },
        {
          label: '大屏模式 Wall mode',
          accelerator: 'CmdOrCtrl+Shift+F',
          click: () => actions.toggleWallMode(),
        },
      ],
    },
    {
      label: '窗口 Window',
      submenu: [
        { label: '地图 Map', accelerator: 'CmdOrCtrl+1', click: () => actions.showWindow('map') },
        { label: '面板 Panels', accelerator: 'CmdOrCtrl+2', click: () => actions.showWindow('panels') },
        { type: 'separator' },
        { role: 'minimize' },
        { role: 'close' },
      ],
    },
  ];
}
