import { z } from 'zod';
import {
  OPEN_RISK_GRADES,
  SATISFACTIONS,
  TIMED_STAGES,
  areaCoverageSchema,
  cameraHealthSchema,
  jurisdictionCodeSchema,
  kpiComparisonSchema,
} from '../../domain';

/** The figures a centre reports on for its jurisdiction, as the wall shows them live. */

const countSchema = z.number().int().nonnegative();
/** A share from 0 to 1; null when there is nothing to divide by. */
const rateSchema = z.number().min(0).max(1).nullable();

export { OPEN_RISK_GRADES, type OpenRiskGrade } from '../../domain';

export const HOURS_IN_DAY = 24;
/** The seed's figures are recent ones: they show the effect of this month's work, not of the whole record. */
export const KPI_WINDOW_DAYS = 30;

/**
 * A township's or village's monitoring points online (every kind), and beside it its monitoring coverage: the
 * share of its key places and road segments within view of an online point (see `src/domain/coverage.ts`).
 */
export const townshipCoverageSchema = z.object({
  code: jurisdictionCodeSchema,
  name: z.string(),
  online: countSchema,
  total: countSchema,
  rate: rateSchema,
  coverage: areaCoverageSchema,
});
export type TownshipCoverage = z.infer<typeof townshipCoverageSchema>;
export type VillageCoverage = TownshipCoverage;

/** The villages whose coverage is shown: the worst of the scope. */
export const WORST_VILLAGES = 20;

export const figuresSchema = z.object({
  scope: jurisdictionCodeSchema,
  asOf: z.iso.datetime({ offset: true }),
  open: z.object({
    total: countSchema,
    byStage: z.record(z.enum(TIMED_STAGES), countSchema),
    byRisk: z.record(z.enum(OPEN_RISK_GRADES), countSchema),
  }),
  /** Incidents received per hour of the local (China Standard Time) day. */
  arrivals: z.object({
    today: z.array(countSchema).length(HOURS_IN_DAY),
    /**
     * The mean per hour over those of the seven days before today that the log covers (a day that began before
     * the cache's first event is not known); null when it covers none of them.
     */
    previousWeekMean: z.array(z.number().nonnegative()).length(HOURS_IN_DAY).nullable(),
    /** How many days `previousWeekMean` is over: 0 to 7. */
    baselineDays: countSchema.max(7),
    /** The hour of the day it is now: later hours of `today` have not happened yet. */
    currentHour: z
      .number()
      .int()
      .min(0)
      .max(HOURS_IN_DAY - 1),
  }),
  /**
   * The seed's figures over the last `KPI_WINDOW_DAYS` days, beside the same stretch before when the log covers
   * it: handling time, dispute capture rate, follow-up satisfaction, resolution rate (see `src/domain/kpi.ts`).
   */
  kpis: kpiComparisonSchema,
  /** Every follow-up call the cache knows of, by verdict. */
  satisfaction: z.object({
    counts: z.record(z.enum(SATISFACTIONS), countSchema),
    /** Satisfied or basically satisfied, of every follow-up call. */
    satisfiedShare: rateSchema,
  }),
  overdue: countSchema,
  /** Of the overdue, those a commander can put under a supervision notice now (督办). */
  toSupervise: countSchema,
  monitoring: z.object({
    online: countSchema,
    total: countSchema,
    rate: rateSchema,
    /** Worst online rate first. */
    townships: z.array(townshipCoverageSchema),
    /** The `WORST_VILLAGES` villages of the scope with the lowest coverage, worst first. */
    villages: z.array(townshipCoverageSchema).max(WORST_VILLAGES),
    /** The scope's key places and road segments in view, as worked out at `asOf` (see `COVERAGE_REFRESH_MS`). */
    coverage: areaCoverageSchema.extend({ asOf: z.iso.datetime({ offset: true }) }),
    /** 雪亮工程 camera health (完好率): public video cameras working, against the 98% key-area target. */
    health: cameraHealthSchema,
  }),
});
export type Figures = z.infer<typeof figuresSchema>;
