import { useCallback, useEffect, useState } from 'react';
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

/**
 * The reading size of the whole wall (the `--font-scale` the stylesheet sizes text by), kept across
 * restarts; the map's own labels follow it too.
 */
export function useFontScale() {
  const state = usePersistentState<number>('pingan.fontScale', 1, (saved) =>
    FONT_SCALES.find((scale) => scale === saved),
  );
  const [scale] = state;
  useEffect(() => {
    document.documentElement.style.setProperty('--font-scale', String(scale));
  }, [scale]);
  return state;
}
