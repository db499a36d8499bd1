import { addProtocol, setWorkerCount, setWorkerUrl } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { GLYPH_PROTOCOL, loadGlyphRange } from './glyphs';

/**
 * The one PMTiles protocol of the page: MapLibre resolves `pmtiles://<key>` through it, and a basemap file
 * the operator picks is registered here under its key.
 */
export const pmtilesProtocol = new Protocol();

/**
 * MapLibre's default is half the logical processors: one worker on a two-core wall PC, and then a new
 * incident waits behind the re-indexing of ~150,000 cameras. Sources are dealt out to workers in turn, so a
 * few workers keep the busy sources apart.
 */
const MAP_WORKERS = 3;

let registered = false;

/**
 * Configures MapLibre once per page. The worker is bundled by Vite as a same-origin `.js` file because the
 * shells' content security policy allows workers only from 'self' or blob:, and serve `.mjs` files with
 * no JavaScript type.
 */
export function setUpMapEngine(): void {
  if (registered) return;
  registered = true;
  setWorkerUrl(workerUrl);
  setWorkerCount(Math.max(MAP_WORKERS, Math.floor(navigator.hardwareConcurrency / 2)));
  addProtocol(GLYPH_PROTOCOL, loadGlyphRange);
  addProtocol('pmtiles', pmtilesProtocol.tile);
}
