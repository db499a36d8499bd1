import type { DataDrivenPropertyValueSpecification, ExpressionSpecification } from 'maplibre-gl';
import { WALL } from '../style/palette';

/** The operator's reading size (1 = normal), held in the style's global state so labels follow it live. */
export const FONT_SCALE_STATE = 'fontScale';
/** Wall-clock time in epoch milliseconds, refreshed by the map so that ages can be styled. */
export const NOW_STATE = 'now';

const fontScale: ExpressionSpecification = ['global-state', FONT_SCALE_STATE];

/** A text size in CSS pixels at the given zooms, times the operator's font scale. */
export function scaledTextSize(
  stops: readonly [zoom: number, size: number][],
): DataDrivenPropertyValueSpecification<number> {
  if (stops.length === 1) return ['*', stops[0]![1], fontScale];
  return [
    'interpolate',
    ['linear'],
    ['zoom'],
    ...stops.flatMap(([zoom, size]) => [zoom, ['*', size, fontScale]]),
  ] as ExpressionSpecification;
}

export const scaledIconSize = (base: number): ExpressionSpecification => ['*', base, fontScale];

/** Dark halo so that labels read over any fill, at 3 m. */
export const LABEL_HALO = {
  'text-halo-color': WALL.halo,
  'text-halo-width': 1.6,
  'text-halo-blur': 0.3,
} as const;

/** A `match` expression from a property to translated text. */
export function translatedText(
  property: string,
  texts: Record<string, string>,
  fallback = '',
): ExpressionSpecification {
  const pairs = Object.entries(texts).flat();
  return ['match', ['to-string', ['get', property]], ...pairs, fallback] as ExpressionSpecification;
}
