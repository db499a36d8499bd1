import { z } from 'zod';

/**
 * The administrative levels a comprehensive-governance centre can sit at, from the prefecture (州/市)
 * down to the grid (网格). Order matters: a level's index is its depth.
 */
export const JURISDICTION_LEVELS = ['prefecture', 'county', 'township', 'village', 'grid'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];
export const jurisdictionLevelSchema = z.enum(JURISDICTION_LEVELS);

/**
 * Official codes (GB/T 2260 and the statistical division codes) are 4 digits for a prefecture,
 * 6 for a county, 9 for a township and 12 for a village. A grid extends its village's code with a
 * 3-digit sequence number, as grid code directories do (for example Gulang's 690 coded grids).
 */
export const CODE_LENGTH: Record<JurisdictionLevel, number> = {
  prefecture: 4,
  county: 6,
  township: 9,
  village: 12,
  grid: 15,
};

export const jurisdictionCodeSchema = z
  .string()
  .regex(/^\d+$/, 'a jurisdiction code is digits only')
  .refine((code) => Object.values(CODE_LENGTH).includes(code.length), {
    message: 'a jurisdiction code has 4, 6, 9, 12 or 15 digits',
  });

export function levelOfCode(code: string): JurisdictionLevel | undefined {
  return JURISDICTION_LEVELS.find((level) => CODE_LENGTH[level] === code.length);
}

/** True when `code` is `ancestor` itself or lies in its subtree: codes nest by prefix. */
export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(ancestor);
}

export const jurisdictionSchema = z
  .object({
    code: jurisdictionCodeSchema,
    name: z.string().min(1),
    level: jurisdictionLevelSchema,
    parentCode: jurisdictionCodeSchema.nullable(),
  })
  .superRefine((j, ctx) => {
    if (j.code.length !== CODE_LENGTH[j.level]) {
      ctx.addIssue({
        code: 'custom',
        message: `a ${j.level} code has ${CODE_LENGTH[j.level]} digits, got ${j.code}`,
      });
    }
    if (j.parentCode !== null && !j.code.startsWith(j.parentCode)) {
      ctx.addIssue({ code: 'custom', message: `code ${j.code} does not extend its parent ${j.parentCode}` });
    }
  });
export type Jurisdiction = z.infer<typeof jurisdictionSchema>;

export const regionCountsSchema = z.object({
  counties: z.number().int().nonnegative(),
  townships: z.number().int().nonnegative(),
  villages: z.number().int().nonnegative(),
  grids: z.number().int().nonnegative(),
});
export type RegionCounts = z.infer<typeof regionCountsSchema>;

export const regionIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'a region name is 2–40 lowercase letters, digits or dashes');

/** `assets/regions/<id>/region.json`: what a region is and where its data came from. */
export const regionManifestSchema = z.object({
  id: regionIdSchema,
  name: z.string().min(1),
  nameEn: z.string().min(1),
  rootCode: jurisdictionCodeSchema,
  rootLevel: jurisdictionLevelSchema,
  counts: regionCountsSchema,
  /** Where each part came from, with licence: shown in the app's attribution. */
  sources: z.array(z.object({ name: z.string(), licence: z.string(), describes: z.string() })),
  /** True when township, village and grid boundaries were derived rather than surveyed. */
  derivedBoundaries: z.boolean(),
});
export type RegionManifest = z.infer<typeof regionManifestSchema>;

export function countByLevel(jurisdictions: readonly Jurisdiction[]): RegionCounts {
  const counts: RegionCounts = { counties: 0, townships: 0, villages: 0, grids: 0 };
  for (const j of jurisdictions) {
    if (j.level === 'county') counts.counties += 1;
    else if (j.level === 'township') counts.townships += 1;
    else if (j.level === 'village') counts.villages += 1;
    else if (j.level === 'grid') counts.grids += 1;
  }
  return counts;
}
