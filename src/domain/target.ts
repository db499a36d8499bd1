import { z } from 'zod';
import { addChinaDays, chinaDayOf, chinaDaySchema, type ChinaDay } from './china-day';
import { latitudeSchema, longitudeSchema } from './geo';
import { CODE_LENGTH, isWithin, jurisdictionCodeSchema } from './jurisdiction';
import { RISK_LEVELS, riskLevelSchema } from './risk';
import { isoDateTimeSchema, toMillis } from './time';

/**
 * Two of the four kinds of target a centre collects on (重点人/风险事/危险物/敏感地): dangerous objects — stores of
 * hazardous chemicals, explosives and the like, each with its holder and its inspections — and sensitive places
 * — schools, hospitals, petition-prone sites, stations — each with the radius around it that is watched.
 */
export const TARGET_KINDS = ['dangerous-object', 'sensitive-place'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const DANGEROUS_OBJECT_CATEGORIES = [
  'hazardous-chemicals',
  'explosives',
  'fireworks',
  'gas',
  'radioactive-source',
  'other',
] as const;
export type DangerousObjectCategory = (typeof DANGEROUS_OBJECT_CATEGORIES)[number];

export const SENSITIVE_PLACE_CATEGORIES = [
  'school',
  'hospital',
  'petition-site',
  'station',
  'crowded-venue',
  'other',
] as const;
export type SensitivePlaceCategory = (typeof SENSITIVE_PLACE_CATEGORIES)[number];

export const TARGET_KIND_LABELS: Record<TargetKind, { zh: string; en: string }> = {
  'dangerous-object': { zh: '危险物', en: 'Dangerous object' },
  'sensitive-place': { zh: '敏感地', en: 'Sensitive place' },
};

export const TARGET_CATEGORY_LABELS: Record<
  DangerousObjectCategory | SensitivePlaceCategory,
  { zh: string; en: string }
> = {
  'hazardous-chemicals': { zh: '危险化学品仓储', en: 'Hazardous-chemical store' },
  explosives: { zh: '民用爆炸物品', en: 'Civil explosives' },
  fireworks: { zh: '烟花爆竹', en: 'Fireworks' },
  gas: { zh: '燃气储配站', en: 'Gas storage' },
  'radioactive-source': { zh: '放射源', en: 'Radioactive source' },
  school: { zh: '学校幼儿园', en: 'School' },
  hospital: { zh: '医院', en: 'Hospital' },
  'petition-site': { zh: '信访易聚集点', en: 'Petition-prone site' },
  station: { zh: '车站', en: 'Station' },
  'crowded-venue': { zh: '人员密集场所', en: 'Crowded venue' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Control characters (NUL among them), invisible format characters (zero-width spaces, direction overrides, a
 * byte-order mark) and line or paragraph separators. Text with them reads one way on screen and another in a
 * file, a search or a printed list, so a registry refuses it rather than storing what nobody can see.
 */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** Text a registry keeps and prints: trimmed, bounded, nothing hidden in it. */
export function registryText(min: number, max: number) {
  return z
    .string()
    .max(max * 4, `at most ${max} characters`)
    .refine((text) => !HIDDEN_CHARACTERS.test(text), 'control or invisible characters are not allowed')
    .trim()
    .refine((text) => text.length >= min, `at least ${min} characters`)
    .refine((text) => text.length <= max, `at most ${max} characters`);
}

/** An entry is filed under a village (or a grid in it): the workers who watch it are there. */
const filedUnderSchema = jurisdictionCodeSchema.refine((code) => code.length >= CODE_LENGTH.village, {
  message: 'a target is filed under a village (12 digits) or a grid (15 digits)',
});

export const targetLocationSchema = z.object({ lng: longitudeSchema, lat: latitudeSchema });
export type TargetLocation = z.infer<typeof targetLocationSchema>;

export const PROTECTIVE_RADIUS_M = { min: 50, max: 5000 } as const;
export const INSPECTION_INTERVAL_DAYS = { min: 1, max: 366 } as const;

const commonEntry = {
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[\w.:-]+$/, 'an id is letters, digits and . _ : -'),
  name: registryText(2, 60),
  jurisdictionCode: filedUnderSchema,
  location: targetLocationSchema,
  address: registryText(2, 200),
  /** What the centre does about it, read at briefings. */
  note: registryText(0, 500).default(''),
};

/** 危险物: what is stored, by whom, how risky, and when it was last inspected. */
export const dangerousObjectEntrySchema = z.object({
  ...commonEntry,
  kind: z.literal('dangerous-object'),
  category: z.enum(DANGEROUS_OBJECT_CATEGORIES),
  /** 持有单位: the company or person holding it, answerable for it. */
  holder: registryText(2, 100),
  riskLevel: riskLevelSchema,
  lastInspectedOn: chinaDaySchema,
  /** How often it is to be inspected: overdue once this many days have passed since the last inspection. */
  inspectEveryDays: z.number().int().min(INSPECTION_INTERVAL_DAYS.min).max(INSPECTION_INTERVAL_DAYS.max),
});
export type DangerousObjectEntry = z.infer<typeof dangerousObjectEntrySchema>;

/** 敏感地: a place whose surroundings are watched, out to its protective radius. */
export const sensitivePlaceEntrySchema = z.object({
  ...commonEntry,
  kind: z.literal('sensitive-place'),
  category: z.enum(SENSITIVE_PLACE_CATEGORIES),
  protectiveRadiusM: z.number().int().min(PROTECTIVE_RADIUS_M.min).max(PROTECTIVE_RADIUS_M.max),
});
export type SensitivePlaceEntry = z.infer<typeof sensitivePlaceEntrySchema>;

/** What a commander fills in; registering again under the same kind and id replaces the entry. */
export const targetEntrySchema = z.discriminatedUnion('kind', [
  dangerousObjectEntrySchema,
  sensitivePlaceEntrySchema,
]);
export type TargetEntry = z.infer<typeof targetEntrySchema>;

const registration = {
  registeredBy: z.string().min(1),
  registeredAt: isoDateTimeSchema,
  /** Taken off the register: the record stays, marked, like a key person's. */
  removal: z.object({ by: z.string().min(1), at: isoDateTimeSchema, reason: z.string() }).nullable(),
};

export const dangerousObjectSchema = dangerousObjectEntrySchema.extend(registration);
export type DangerousObject = z.infer<typeof dangerousObjectSchema>;
export const sensitivePlaceSchema = sensitivePlaceEntrySchema.extend(registration);
export type SensitivePlace = z.infer<typeof sensitivePlaceSchema>;
export const targetSchema = z.discriminatedUnion('kind', [dangerousObjectSchema, sensitivePlaceSchema]);
export type Target = z.infer<typeof targetSchema>;

/** The day a dangerous object is next to be inspected. */
export function inspectionDue(
  object: Pick<DangerousObject, 'lastInspectedOn' | 'inspectEveryDays'>,
): ChinaDay {
  return addChinaDays(object.lastInspectedOn, object.inspectEveryDays);
}

/** Overdue once the China day of `now` is past the day it was due. */
export function isInspectionOverdue(
  object: Pick<DangerousObject, 'lastInspectedOn' | 'inspectEveryDays'>,
  now: number,
): boolean {
  return chinaDayOf(now) > inspectionDue(object);
}

const EARTH_RADIUS_M = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres. */
export function distanceMetres(a: TargetLocation, b: TargetLocation): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The sensitive places whose protective radius holds `location`. */
export function sensitivePlacesAround(
  places: readonly SensitivePlace[],
  location: TargetLocation,
): SensitivePlace[] {
  return places.filter((place) => distanceMetres(place.location, location) <= place.protectiveRadiusM);
}

/**
 * The ring of a protective radius as a closed polygon (`[lng, lat]` points), for a map to draw: 64 points are
 * round at any zoom a radius of a few hundred metres is looked at.
 */
export function protectiveRing(place: Pick<SensitivePlace, 'location' | 'protectiveRadiusM'>, steps = 64) {
  const { lng, lat } = place.location;
  const angular = place.protectiveRadiusM / EARTH_RADIUS_M;
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i += 1) {
    const bearing = (2 * Math.PI * (i % steps)) / steps;
    const lat2 = Math.asin(
      Math.sin(radians(lat)) * Math.cos(angular) +
        Math.cos(radians(lat)) * Math.sin(angular) * Math.cos(bearing),
    );
    const lng2 =
      radians(lng) +
      Math.atan2(
        Math.sin(bearing) * Math.sin(angular) * Math.cos(radians(lat)),
        Math.cos(angular) - Math.sin(radians(lat)) * Math.sin(lat2),
      );
    ring.push([(lng2 * 180) / Math.PI, (lat2 * 180) / Math.PI]);
  }
  return ring;
}

/**
 * The register of a scope, as a screen lists it: entries not taken off, dangerous objects riskiest first and
 * then the most overdue, sensitive places by village, each then by name.
 */
export function targetRegister(targets: readonly Target[], scope: string) {
  const live = targets.filter(
    (target) => target.removal === null && isWithin(target.jurisdictionCode, scope),
  );
  const dangerousObjects = live
    .filter((target): target is DangerousObject => target.kind === 'dangerous-object')
    .sort(
      (a, b) =>
        RISK_LEVELS.indexOf(a.riskLevel) - RISK_LEVELS.indexOf(b.riskLevel) ||
        inspectionDue(a).localeCompare(inspectionDue(b)) ||
        a.name.localeCompare(b.name, 'zh-CN') ||
        a.id.localeCompare(b.id),
    );
  const sensitivePlaces = live
    .filter((target): target is SensitivePlace => target.kind === 'sensitive-place')
    .sort(
      (a, b) =>
        a.jurisdictionCode.localeCompare(b.jurisdictionCode) ||
        a.name.localeCompare(b.name, 'zh-CN') ||
        toMillis(a.registeredAt) - toMillis(b.registeredAt) ||
        a.id.localeCompare(b.id),
    );
  return { dangerousObjects, sensitivePlaces };
}
