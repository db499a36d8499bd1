import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** The two windows of a centre's wall: the map and the panels, often on separate displays. */
export const APP_WINDOWS = ['map', 'panels'] as const;
export type AppWindow = (typeof APP_WINDOWS)[number];

const boundsSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
export type Bounds = z.infer<typeof boundsSchema>;

const savedWindowSchema = z.object({ bounds: boundsSchema, fullScreen: z.boolean(), kiosk: z.boolean() });
export type SavedWindow = z.infer<typeof savedWindowSchema>;
const savedStateSchema = z.partialRecord(z.enum(APP_WINDOWS), savedWindowSchema);
export type SavedWindowState = z.infer<typeof savedStateSchema>;

export interface DisplayArea {
  workArea: Bounds;
}

const DEFAULT_SIZE = { width: 1600, height: 900 };

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where a window opens: where it was, if that spot is still on a connected display (a wall display may
 * have been unplugged since); else on the display it is meant for — the map on the first, the panels on
 * the second when there is one.
 */
export function placeWindow(
  window: AppWindow,
  saved: SavedWindow | undefined,
  displays: readonly DisplayArea[],
): SavedWindow {
  if (saved && displays.some((display) => overlaps(saved.bounds, display.workArea))) return saved;
  const target = (window === 'panels' ? displays[1] : undefined) ?? displays[0];
  const area = target?.workArea ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const width = Math.min(DEFAULT_SIZE.width, area.width);
  const height = Math.min(DEFAULT_SIZE.height, area.height);
  const offset = window === 'panels' && !displays[1] ? 40 : 0;
  return {
    bounds: {
      x: area.x + Math.round((area.width - width) / 2) + offset,
      y: area.y + Math.round((area.height - height) / 2) + offset,
      width,
      height,
    },
    fullScreen: false,
    kiosk: false,
  };
}

export function readWindowState(file: string): SavedWindowState {
  if (!existsSync(file)) return {};
  try {
    return savedStateSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return {};
  }
}

export function writeWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}
