import { z } from 'zod';
import { jurisdictionCodeSchema } from '../jurisdiction';
import { subsidyMonthSchema } from './month';

const countSchema = z.number().int().nonnegative();

/** Resolved disputes by difficulty. */
export const casesByDifficultySchema = z.object({
  simple: countSchema,
  ordinary: countSchema,
  complex: countSchema,
  major: countSchema,
});
export type CasesByDifficulty = z.infer<typeof casesByDifficultySchema>;

/** What a set of disputes earned: how many of each difficulty, how many in all, and the yuan. */
export const subsidyTotalSchema = z.object({
  cases: casesByDifficultySchema,
  count: countSchema,
  /** Yuan, each dispute at the rate in force where and when it was resolved. */
  amount: countSchema,
});
export type SubsidyTotal = z.infer<typeof subsidyTotalSchema>;

/**
 * One grid worker's month: `worker`, by name, of `grid`, credited with the disputes they resolved. A row whose
 * worker is null holds the grid's disputes whose resolution named no one (logs written before the resolver was
 * recorded). A row whose grid is null is the village's own mediation, credited with the disputes filed at village
 * level rather than in one of its grids.
 */
export const subsidyRowSchema = subsidyTotalSchema.extend({
  worker: z.string().min(1).nullable(),
  grid: jurisdictionCodeSchema.nullable(),
  village: jurisdictionCodeSchema,
  township: jurisdictionCodeSchema,
});
export type SubsidyRow = z.infer<typeof subsidyRowSchema>;

export const villageSubsidySchema = subsidyTotalSchema.extend({
  village: jurisdictionCodeSchema,
  township: jurisdictionCodeSchema,
});
export type VillageSubsidy = z.infer<typeof villageSubsidySchema>;

export const townshipSubsidySchema = subsidyTotalSchema.extend({ township: jurisdictionCodeSchema });
export type TownshipSubsidy = z.infer<typeof townshipSubsidySchema>;

/**
 * The subsidy by case (以案定补) of a jurisdiction for one month. Only places with a credited dispute appear;
 * rows, villages and townships are in code order, a village's own mediation before its grids, and a grid's workers
 * by name (the unnamed last).
 */
export const subsidyReportSchema = z.object({
  month: subsidyMonthSchema,
  scope: jurisdictionCodeSchema,
  rows: z.array(subsidyRowSchema),
  villages: z.array(villageSubsidySchema),
  townships: z.array(townshipSubsidySchema),
  overall: subsidyTotalSchema,
  /**
   * Disputes first resolved in the month without a difficulty grade, as in logs written before the grade was
   * recorded: they cannot be priced, so they are counted here and paid nothing.
   */
  ungraded: countSchema,
});
export type SubsidyReport = z.infer<typeof subsidyReportSchema>;
