import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';

export interface MapFocus {
  id: string;
  location: [number, number];
}

const FOCUS_ZOOM = 14;
const FLIGHT_MS = 700;

/**
 * Selecting an incident elsewhere on the screen flies the map to it and rings it; clearing the selection
 * flies back to where the operator was. The ring is a page element, not a layer, so it costs no map frames.
 */
export function useMapFocus(map: MapLibreMap | undefined, focus: MapFocus | null | undefined): void {
  const before = useRef<{ center: [number, number]; zoom: number } | null>(null);
  const id = focus?.id;
  const location = focus?.location;
  useEffect(() => {
    if (!map) return;
    if (!id || !location) {
      if (before.current) map.flyTo({ ...before.current, duration: FLIGHT_MS });
      before.current = null;
      return;
    }
    if (!before.current) {
      const centre = map.getCenter();
      before.current = { center: [centre.lng, centre.lat], zoom: map.getZoom() };
    }
    map.flyTo({ center: location, zoom: Math.max(map.getZoom(), FOCUS_ZOOM), duration: FLIGHT_MS });
    const element = document.createElement('div');
    element.className = 'incident-focus';
    element.dataset.testid = 'incident-focus';
    const marker = new Marker({ element }).setLngLat(location).addTo(map);
    return () => void marker.remove();
    // Keyed by id alone: an incident's location does not move while it stays selected.
  }, [map, id]);
}
