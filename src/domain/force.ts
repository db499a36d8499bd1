import { z } from 'zod';
import { latitudeSchema, longitudeSchema } from './geo';
import { jurisdictionCodeSchema } from './jurisdiction';
import { isoDateTimeSchema } from './time';

/** The people on the ground: grid workers, patrol teams, red-armband volunteers and joint-defence teams. */
export const FORCE_KINDS = ['grid-worker', 'patrol-team', 'volunteer', 'joint-defence-team'] as const;
export type ForceKind = (typeof FORCE_KINDS)[number];

export const FORCE_KIND_LABELS: Record<ForceKind, { zh: string; en: string }> = {
  'grid-worker': { zh: '网格员', en: 'Grid worker' },
  'patrol-team': { zh: '巡逻队', en: 'Patrol team' },
  volunteer: { zh: '红袖标志愿者', en: 'Red-armband volunteer' },
  'joint-defence-team': { zh: '联防队', en: 'Joint-defence team' },
};

/** A last known fix: positions age, so the time travels with the coordinates. */
export const forcePositionSchema = z.object({
  lng: longitudeSchema,
  lat: latitudeSchema,
  at: isoDateTimeSchema,
});
export type ForcePosition = z.infer<typeof forcePositionSchema>;

export const forceSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(FORCE_KINDS),
  name: z.string().min(1),
  jurisdictionCode: jurisdictionCodeSchema,
  members: z.number().int().positive(),
  /** A grid's workers by name (its roll), one per member; absent for forces that keep no roll. */
  memberNames: z.array(z.string().min(1)).optional(),
  /** Null until the force has reported a position. */
  position: forcePositionSchema.nullable(),
});
export type Force = z.infer<typeof forceSchema>;
