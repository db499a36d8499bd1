import type { LngLat } from '../domain';

/**
 * The 21 May 2021 Yangbi earthquake (漾濞 M6.4, 21:48 local time), replayed in the Dali region: Dali's
 * smart system carried duty reception, monitoring, dispatch and decision support through it.
 */
export const YANGBI_EARTHQUAKE = {
  epicentre: [99.87, 25.67] as LngLat,
  magnitude: 6.4,
  countyCode: '532922',
  /** The prefecture put on a war footing. */
  prefectureCode: '5329',
  minuteOfDay: 21 * 60 + 48,
} as const;

/** Reports cluster within tens of kilometres: their distance from the epicentre falls off at this scale. */
export const REPORT_DISTANCE_SCALE_KM = 12;
export const REPORT_RADIUS_KM = 60;
/** Forces within this distance head for the epicentre. */
export const CONVERGENCE_RADIUS_KM = 50;

/** The chance that a monitoring point this far from the epicentre loses power or its link in the shaking. */
export function outageChance(distanceKm: number): number {
  if (distanceKm < 10) return 0.6;
  if (distanceKm < 25) return 0.35;
  if (distanceKm < 50) return 0.1;
  return 0;
}
