import { useEffect, useState } from 'react';
import { desktopApi } from '../api-client';

export interface VillageChoice {
  code: string;
  name: string;
  /** The middle of its boundary's bounding box: where a new entry's point starts until it is moved. */
  centre: { lng: number; lat: number };
}

type Box = [number, number, number, number];

/** Widens `box` by every position in a GeoJSON polygon's or multipolygon's nested coordinates. */
function extend(box: Box, value: unknown): Box {
  if (!Array.isArray(value)) return box;
  if (typeof value[0] === 'number' && typeof value[1] === 'number') {
    const [lng, lat] = value as [number, number];
    return [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
  }
  return value.reduce<Box>((widened, inner) => extend(widened, inner), box);
}

function centreOf(coordinates: unknown): { lng: number; lat: number } {
  const [minLng, minLat, maxLng, maxLat] = extend([Infinity, Infinity, -Infinity, -Infinity], coordinates);
  const round = (value: number) => Number(value.toFixed(5));
  return { lng: round((minLng + maxLng) / 2), lat: round((minLat + maxLat) / 2) };
}

/** The villages of a scope, in code order, for the place an entry is filed under. */
export function useVillages(scope: string): VillageChoice[] {
  const [villages, setVillages] = useState<VillageChoice[]>([]);
  useEffect(() => {
    let cancelled = false;
    void desktopApi.call('region.boundaries', { level: 'village', scope }).then((result) => {
      if (cancelled || !result.ok) return;
      const found = result.value.features.map(({ properties, geometry }) => ({
        code: properties.code,
        name: properties.name,
        centre: centreOf(geometry.coordinates),
      }));
      setVillages(found.sort((a, b) => a.code.localeCompare(b.code)));
    });
    return () => {
      cancelled = true;
    };
  }, [scope]);
  return villages;
}
