import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { DesktopApi } from '../../../../src/core/contract/api';
import { TIMED_STAGES } from '../../../../src/domain';

/** More than this many overdue incidents are flagged in the queue and the counter, not one by one on the map. */
const MOST_FLAGS = 300;
const REFRESH_MS = 15_000;

/**
 * A red square around every overdue incident on the map. The flags are page elements, not a layer: they
 * change as the clock runs, and a layer would make MapLibre re-index and redraw for each change.
 */
export function useOverdueFlags(map: MapLibreMap | undefined, api: DesktopApi): void {
  useEffect(() => {
    if (!map) return;
    const flags = new Map<string, Marker>();
    let cancelled = false;
    const refresh = async () => {
      const result = await api.call('queue.window', {
        filter: { stages: [...TIMED_STAGES], overdueOnly: true },
        sort: 'deadline',
        limit: MOST_FLAGS,
      });
      if (cancelled || !result.ok) return;
      const overdue = new Map(result.value.rows.map((row) => [row.id, row.location]));
      for (const [id, marker] of flags) {
        if (overdue.has(id)) continue;
        marker.remove();
        flags.delete(id);
      }
      for (const [id, location] of overdue) {
        if (flags.has(id)) continue;
        const element = document.createElement('div');
        element.className = 'incident-overdue';
        element.dataset.testid = 'incident-overdue';
        flags.set(id, new Marker({ element }).setLngLat(location).addTo(map));
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
      flags.forEach((marker) => marker.remove());
    };
  }, [map, api]);
}
