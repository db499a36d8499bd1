/** The part of shpjs (which ships no types) that the grid import uses. */
declare module 'shpjs' {
  import type { FeatureCollection, Geometry } from 'geojson';

  /** Reads the shapes of a .shp; a proj4 definition makes it turn projected coordinates into WGS84. */
  export function parseShp(shp: Uint8Array, proj4Definition?: string): (Geometry | null)[];
  /** Reads a .dbf's records, decoding text in the encoding a .cpg names (UTF-8 without one). */
  export function parseDbf(dbf: Uint8Array, encoding?: string): Record<string, unknown>[];
  export function combine(
    parts: [(Geometry | null)[], Record<string, unknown>[] | undefined],
  ): FeatureCollection;
}
