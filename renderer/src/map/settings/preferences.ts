import { useCallback, useState, useSyncExternalStore } from 'react';
import { GRID_COLOURINGS, MAP_LAYERS, type GridColouring, type MapLayerId } from '../layers/context';

/** A value kept in localStorage, so the wall comes back as the operator left it. */
function usePersistentState<T>(
  key: string,
  fallback: T,
  parse: (saved: unknown) => T | undefined,
): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = localStorage.getItem(key);
      return (saved === null ? undefined : parse(JSON.parse(saved))) ?? fallback;
    } catch {
      return fallback;
    }
  });
  const save = useCallback(
    (next: T) => {
      localStorage.setItem(key, JSON.stringify(next));
      setValue(next);
    },
    [key],
  );
  return [value, save];
}

const ALL_VISIBLE = Object.fromEntries(MAP_LAYERS.map((layer) => [layer, true])) as Record<
  MapLayerId,
  boolean
>;

export function useLayerVisibility() {
  return usePersistentState('pingan.map.layers', ALL_VISIBLE, (saved) =>
    typeof saved === 'object' && saved !== null
      ? { ...ALL_VISIBLE, ...(saved as Partial<Record<MapLayerId, boolean>>) }
      : undefined,
  );
}

export function useGridColouring() {
  return usePersistentState<GridColouring>('pingan.map.gridColouring', 'load', (saved) =>
    GRID_COLOURINGS.find((mode) => mode === saved),
  );
}

export function useChimeEnabled() {
  return usePersistentState('pingan.map.chime', true, (saved) =>
    typeof saved === 'boolean' ? saved : undefined,
  );
}

export const FONT_SCALES = [1, 1.25, 1.5, 1.75, 2] as const;
const FONT_SCALE_KEY = 'pingan.fontScale';
/** The width, in CSS pixels, that the wall's sizes were drawn for: wider screens are read from farther away. */
const DESIGN_WIDTH = 1920;

/**
 * The reading size a window of `width` CSS pixels calls for: 1 up to 1920 wide, 2 at 3840 (a 4K wall at 100 %),
 * the largest step that fits in between. A display the system already scales reports fewer CSS pixels, so
 * its text is not scaled twice.
 */
export function screenFontScale(width: number): number {
  return [...FONT_SCALES].reverse().find((scale) => scale <= width / DESIGN_WIDTH) ?? 1;
}

function savedFontScale(): number | undefined {
  try {
    const saved = localStorage.getItem(FONT_SCALE_KEY);
    return saved === null ? undefined : FONT_SCALES.find((scale) => scale === JSON.parse(saved));
  } catch {
    return undefined;
  }
}

/** The operator's choice, which wins; without one, the size follows the window. */
let chosenScale = savedFontScale();
let fontScale = chosenScale ?? screenFontScale(window.innerWidth);
const fontScaleListeners = new Set<() => void>();

function applyFontScale(scale: number): void {
  fontScale = scale;
  document.documentElement.style.setProperty('--font-scale', String(scale));
  for (const listener of fontScaleListeners) listener();
}
applyFontScale(fontScale);
window.addEventListener('resize', () => {
  if (chosenScale === undefined && screenFontScale(window.innerWidth) !== fontScale)
    applyFontScale(screenFontScale(window.innerWidth));
});

function subscribeFontScale(listener: () => void): () => void {
  fontScaleListeners.add(listener);
  return () => fontScaleListeners.delete(listener);
}

/**
 * The reading size of the whole wall (the `--font-scale` the stylesheet sizes text by); the map's labels and
 * symbols follow it too. One value for the window, whichever map's settings change it; a choice is kept
 * across restarts.
 */
export function useFontScale(): [number, (scale: number) => void] {
  const scale = useSyncExternalStore(subscribeFontScale, () => fontScale);
  const choose = useCallback((next: number) => {
    chosenScale = next;
    localStorage.setItem(FONT_SCALE_KEY, JSON.stringify(next));
    applyFontScale(next);
  }, []);
  return [scale, choose];
}
