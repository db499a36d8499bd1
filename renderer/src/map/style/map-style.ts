import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { GLYPHS_URL } from '../engine/glyphs';
import { FONT_SCALE_STATE, NOW_STATE } from '../layers/common';
import type { BasemapStyle } from './basemap-style';
import { WALL } from './palette';

/** The whole style: a dark background, the basemap if any, and the region overlay always on top. */
export function buildMapStyle(
  basemap: BasemapStyle | null,
  overlay: { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] },
  fontScale: number,
): StyleSpecification {
  return {
    version: 8,
    glyphs: GLYPHS_URL,
    ...(basemap?.sprite ? { sprite: basemap.sprite } : {}),
    state: { [FONT_SCALE_STATE]: { default: fontScale }, [NOW_STATE]: { default: Date.now() } },
    sources: { ...basemap?.sources, ...overlay.sources },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': WALL.background } },
      ...(basemap?.layers ?? []),
      ...overlay.layers,
    ],
  };
}
