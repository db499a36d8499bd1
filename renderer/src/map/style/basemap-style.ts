import type {
  LayerSpecification,
  SourceSpecification,
  SpriteSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { FileSource, PMTiles, TileType } from 'pmtiles';
import { pmtilesProtocol } from '../engine/setup';
import type { BasemapConfig } from '../settings/basemap-setting';
import { WALL } from './palette';

/** What a basemap adds under the overlay: its own sources, layers and (for a full style) sprite. */
export interface BasemapStyle {
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  sprite?: SpriteSpecification;
}

/** Basemap ids are prefixed so that they can never collide with the overlay's. */
const PREFIX = 'basemap:';

function absolute(url: string, base: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, base).href;
}

function resolveSource(source: SourceSpecification, base: string): SourceSpecification {
  const resolved = { ...source } as SourceSpecification & { url?: string; tiles?: string[] };
  if (resolved.url) resolved.url = absolute(resolved.url, base);
  if (resolved.tiles) resolved.tiles = resolved.tiles.map((tile) => absolute(tile, base));
  return resolved;
}

/**
 * A style from the centre's tile server. Its glyphs are ignored: ours are drawn in the page for any
 * fontstack, so the basemap's labels need no glyph server either.
 */
async function fromStyleUrl(url: string): Promise<BasemapStyle> {
  const base = new URL(url, location.href).href;
  const response = await fetch(base);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const style = (await response.json()) as StyleSpecification;
  const sources = Object.fromEntries(
    Object.entries(style.sources ?? {}).map(([id, source]) => [PREFIX + id, resolveSource(source, base)]),
  );
  const layers = (style.layers ?? []).map(
    (layer) =>
      ({
        ...layer,
        id: PREFIX + layer.id,
        ...('source' in layer && typeof layer.source === 'string' ? { source: PREFIX + layer.source } : {}),
      }) as LayerSpecification,
  );
  const sprite =
    typeof style.sprite === 'string'
      ? absolute(style.sprite, base)
      : style.sprite?.map((entry) => ({ ...entry, url: absolute(entry.url, base) }));
  return { sources, layers, ...(sprite ? { sprite } : {}) };
}

const TIANDITU_SERVERS = ['0', '1', '2', '3', '4', '5', '6', '7'];

function tiandituLayer(layer: 'vec' | 'cva', key: string): SourceSpecification {
  return {
    type: 'raster',
    tileSize: 256,
    maxzoom: 18,
    attribution: '天地图 Tianditu',
    tiles: TIANDITU_SERVERS.map(
      (server) =>
        `https://t${server}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
        `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
    ),
  };
}

/** Tianditu's street map with its Chinese annotation layer, dimmed to sit quietly under the wall's overlay. */
function fromTianditu(key: string): BasemapStyle {
  const dimmed = { 'raster-brightness-max': 0.45, 'raster-saturation': -0.5, 'raster-contrast': 0.1 };
  return {
    sources: { [`${PREFIX}vec`]: tiandituLayer('vec', key), [`${PREFIX}cva`]: tiandituLayer('cva', key) },
    layers: [
      { id: `${PREFIX}vec`, type: 'raster', source: `${PREFIX}vec`, paint: dimmed },
      { id: `${PREFIX}cva`, type: 'raster', source: `${PREFIX}cva`, paint: { 'raster-brightness-max': 0.8 } },
    ],
  };
}

/** Colours for a vector layer of unknown schema, guessed from its name. */
function vectorColours(layerName: string): { fill: string; line: string } {
  if (/water|ocean|lake|river/i.test(layerName)) return { fill: '#12324a', line: '#1d4d6e' };
  if (/land|park|green|wood|forest|natural/i.test(layerName)) return { fill: '#13261f', line: '#1d3a2e' };
  if (/building/i.test(layerName)) return { fill: '#1c2638', line: '#263349' };
  if (/road|transport|highway|street/i.test(layerName)) return { fill: '#1a2436', line: '#3a4a66' };
  if (/boundar/i.test(layerName)) return { fill: 'rgba(0, 0, 0, 0)', line: '#5a5a7a' };
  return { fill: '#151f31', line: '#2b3650' };
}

/**
 * A local PMTiles file. Raster tiles are shown as they are; vector tiles, whatever their schema, are drawn
 * as quiet fills, lines and names per source layer.
 */
async function fromPmtiles(file: File): Promise<BasemapStyle> {
  const archive = new PMTiles(new FileSource(file));
  pmtilesProtocol.add(archive);
  const header = await archive.getHeader();
  const url = `pmtiles://${archive.source.getKey()}`;
  const source = `${PREFIX}pmtiles`;
  const vector = header.tileType === TileType.Mvt || header.tileType === TileType.Mlt;
  if (!vector) {
    return {
      sources: { [source]: { type: 'raster', url, tileSize: 256 } },
      layers: [{ id: source, type: 'raster', source, paint: { 'raster-brightness-max': 0.6 } }],
    };
  }
  const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] };
  const names = (metadata.vector_layers ?? []).map((layer) => layer.id);
  const layers = names.flatMap((name): LayerSpecification[] => {
    const colours = vectorColours(name);
    const common = { source, 'source-layer': name };
    return [
      {
        id: `${PREFIX}${name}-fill`,
        type: 'fill',
        ...common,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': colours.fill },
      },
      {
        id: `${PREFIX}${name}-line`,
        type: 'line',
        ...common,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: {
          'line-color': colours.line,
          'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 16, 3],
        },
      },
      {
        id: `${PREFIX}${name}-names`,
        type: 'symbol',
        ...common,
        minzoom: 11,
        filter: ['==', ['geometry-type'], 'Point'],
        layout: { 'text-field': ['coalesce', ['get', 'name:zh'], ['get', 'name']], 'text-size': 11 },
        paint: { 'text-color': WALL.labelWeak, 'text-halo-color': WALL.halo, 'text-halo-width': 1 },
      },
    ];
  });
  const encoding = header.tileType === TileType.Mlt ? 'mlt' : 'mvt';
  return { sources: { [source]: { type: 'vector', url, encoding } }, layers };
}

export async function resolveBasemap(
  config: BasemapConfig,
  file: File | undefined,
): Promise<BasemapStyle | null> {
  switch (config.kind) {
    case 'none':
      return null;
    case 'style-url':
      return fromStyleUrl(config.url);
    case 'tianditu':
      return fromTianditu(config.key);
    case 'pmtiles':
      if (!file) throw new Error(`the basemap file ${config.fileName} is no longer stored on this machine`);
      return fromPmtiles(file);
  }
}
