import { z } from 'zod';

export const longitudeSchema = z.number().min(-180).max(180);
export const latitudeSchema = z.number().min(-90).max(90);

/** `[longitude, latitude]` in WGS 84, the GeoJSON order the map layers use. */
export const lngLatSchema = z.tuple([longitudeSchema, latitudeSchema]);
export type LngLat = z.infer<typeof lngLatSchema>;
