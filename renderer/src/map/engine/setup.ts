import { addProtocol, setWorkerUrl } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { GLYPH_PROTOCOL, loadGlyphRange } from './glyphs';

/**
 * The one PMTiles protocol of the page: MapLibre resolves `pmtiles://<key>` through it, and a basemap file
 * the operator picks is registered here under its key.
 */
export const pmtilesProtocol = new Protocol();

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
  addProtocol(GLYPH_PROTOCOL, loadGlyphRange);
  addProtocol('pmtiles', pmtilesProtocol.tile);
}
