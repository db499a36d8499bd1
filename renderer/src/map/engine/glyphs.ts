import TinySDF from '@mapbox/tiny-sdf';
import type { GetResourceResponse, RequestParameters } from 'maplibre-gl';
import { PbfWriter } from 'pbf';

/**
 * Glyphs for everything that is not an ideograph (Latin letters, digits, codes, punctuation), drawn in the
 * page rather than fetched from a glyph server, so that the wall map needs no network at all. Ideographs
 * never come here: MapLibre draws them itself with `localIdeographFontFamily`.
 *
 * MapLibre asks for `localglyphs://<fontstack>/<start>-<end>` and expects the glyph PBF a glyph server would
 * send: glyphs { fontstack stacks = 1 } / fontstack { name = 1; range = 2; glyph glyphs = 3 } /
 * glyph { id = 1; bitmap = 2; width = 3; height = 4; left = 5 (sint); top = 6 (sint); advance = 7 },
 * with each bitmap a signed distance field padded by 3 pixels on every side.
 */
export const GLYPH_PROTOCOL = 'localglyphs';
export const GLYPHS_URL = `${GLYPH_PROTOCOL}://{fontstack}/{range}`;

/** The wall's own typeface first, so Latin text matches the Chinese beside it in the same label. */
const FONT_FAMILIES =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', 'DejaVu Sans', sans-serif";

/** What glyph servers render at (and MapLibre's shaders assume): 24 px, a 3 px border, radius 8, cutoff 0.25. */
const FONT_SIZE = 24;
const BORDER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;

/**
 * TinySDF measures from the baseline; glyph PBFs from above the em box. MapLibre shifts its own locally drawn
 * glyphs by this much, so ours line up with the ideographs drawn next to them.
 */
const TOP_ADJUSTMENT = 27.5;

const rasterizers = new Map<string, TinySDF>();

function fontWeightOf(fontstack: string): string {
  if (/\b(bold|heavy|black)\b/i.test(fontstack)) return '700';
  if (/\b(semibold|medium)\b/i.test(fontstack)) return '500';
  if (/\blight\b/i.test(fontstack)) return '300';
  return '400';
}

function rasterizerFor(fontstack: string): TinySDF {
  const fontWeight = fontWeightOf(fontstack);
  const fontStyle = /\bitalic\b/i.test(fontstack) ? 'italic' : 'normal';
  const key = `${fontWeight} ${fontStyle}`;
  let rasterizer = rasterizers.get(key);
  if (!rasterizer) {
    rasterizer = new TinySDF({
      fontSize: FONT_SIZE,
      buffer: BORDER,
      radius: RADIUS,
      cutoff: CUTOFF,
      fontFamily: FONT_FAMILIES,
      fontWeight,
      fontStyle,
    });
    rasterizers.set(key, rasterizer);
  }
  return rasterizer;
}

function writeGlyph(pbf: PbfWriter, codePoint: number, rasterizer: TinySDF): void {
  const drawn = rasterizer.draw(String.fromCodePoint(codePoint));
  const inked = drawn.glyphWidth > 0 && drawn.glyphHeight > 0;
  pbf.writeVarintField(1, codePoint);
  if (inked) pbf.writeBytesField(2, new Uint8Array(drawn.data.buffer));
  pbf.writeVarintField(3, inked ? drawn.glyphWidth : 0);
  pbf.writeVarintField(4, inked ? drawn.glyphHeight : 0);
  pbf.writeSVarintField(5, inked ? drawn.glyphLeft : 0);
  pbf.writeSVarintField(6, Math.round(drawn.glyphTop - TOP_ADJUSTMENT));
  pbf.writeVarintField(7, Math.max(0, Math.round(drawn.glyphAdvance)));
}

/** Encodes one range of 256 code points of a fontstack as a glyph PBF. */
function encodeGlyphRange(fontstack: string, start: number, end: number): Uint8Array {
  const rasterizer = rasterizerFor(fontstack);
  const pbf = new PbfWriter();
  pbf.writeMessage(
    1,
    (_: null, stack: PbfWriter) => {
      stack.writeStringField(1, fontstack);
      stack.writeStringField(2, `${start}-${end}`);
      for (let codePoint = start; codePoint <= end; codePoint++) {
        // Surrogate halves are not characters: nothing can ask for them.
        if (codePoint >= 0xd800 && codePoint <= 0xdfff) continue;
        stack.writeMessage(
          3,
          (point: number, glyph: PbfWriter) => writeGlyph(glyph, point, rasterizer),
          codePoint,
        );
      }
    },
    null,
  );
  return pbf.finish();
}

const RANGE_URL = new RegExp(`^${GLYPH_PROTOCOL}://(.+)/(\\d+)-(\\d+)$`);

/** The `addProtocol` handler for {@link GLYPHS_URL}. */
export async function loadGlyphRange(request: RequestParameters): Promise<GetResourceResponse<ArrayBuffer>> {
  const match = RANGE_URL.exec(request.url);
  if (!match) throw new Error(`not a glyph range: ${request.url}`);
  const fontstack = decodeURIComponent(match[1]!);
  const bytes = encodeGlyphRange(fontstack, Number(match[2]), Number(match[3]));
  return { data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
}
