import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../electron/menu';
import { placeWindow, readWindowState, writeWindowState } from '../../electron/window-state';

const laptop = { workArea: { x: 0, y: 0, width: 1920, height: 1080 } };
const wall = { workArea: { x: 1920, y: 0, width: 3840, height: 2160 } };

describe('where windows open', () => {
  it('restores a window where it was when that spot is still on a display', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 3000, height: 1800 }, fullScreen: true, kiosk: false };
    expect(placeWindow('map', saved, [laptop, wall])).toBe(saved);
  });

  it('brings a window back onto a display when its display was unplugged', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 3000, height: 1800 }, fullScreen: false, kiosk: false };
    const placed = placeWindow('map', saved, [laptop]);
    expect(placed.bounds.x).toBeGreaterThanOrEqual(0);
    expect(placed.bounds.x + placed.bounds.width).toBeLessThanOrEqual(1920);
  });

  it('puts the panels on the second display the first time', () => {
    expect(placeWindow('panels', undefined, [laptop, wall]).bounds.x).toBeGreaterThanOrEqual(1920);
    expect(placeWindow('map', undefined, [laptop, wall]).bounds.x).toBeLessThan(1920);
  });

  it('remembers state in a file and ignores a damaged one', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pingan-window-')), 'window-state.json');
    const state = { map: { bounds: { x: 1, y: 2, width: 3, height: 4 }, fullScreen: false, kiosk: true } };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
    writeFileSync(file, '{ not json');
    expect(readWindowState(file)).toEqual({});
  });
});

describe('the application menu', () => {
  it('offers the usual accelerators and the wall mode', () => {
    const template = menuTemplate(
      { showWindow: () => undefined, toggleWallMode: () => undefined, quit: () => undefined },
      'linux',
    );
    const accelerators = JSON.stringify(template);
    for (const accelerator of [
      'CmdOrCtrl+Q',
      'F11',
      'CmdOrCtrl+Shift+F',
      'CmdOrCtrl+1',
      'CmdOrCtrl+2',
      'CmdOrCtrl+0',
    ]) {
      expect(accelerators).toContain(accelerator);
    }
  });
});
