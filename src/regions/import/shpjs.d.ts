/** The part of shpjs (which ships no types) that the grid import uses. */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';

  type ShapefileLayer = FeatureCollection & { fileName: string };

  /** Reads a zipped Shapefile, reprojecting to WGS84 when a .prj is present: one collection per layer. */
  export function parseZip(zip: Uint8Array | ArrayBuffer): Promise<ShapefileLayer | ShapefileLayer[]>;
}
