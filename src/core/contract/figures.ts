import { z } from 'zod';
import { OPEN_RISK_GRADES, SATISFACTIONS, TIMED_STAGES, jurisdictionCodeSchema } from '../../domain';

/** The figures a centre reports on for its jurisdiction, as the wall shows them live. */

const countSchema = z.number().int().nonnegative();
/** A share from 0 to 1; null when there is nothing to divide by. */
const rateSchema = z.number().min(0).max(1).nullable();

export { OPEN_RISK_GRADES, type OpenRiskGrade } from '../../domain';

export const HOURS_IN_DAY = 24;

export const townshipCoverageSchema = z.object({
  code: jurisdictionCodeSchema,
  name: z.string(),
  online: countSchema,
  total: countSchema,
  rate: rateSchema,
});
export type TownshipCoverage = z.infer<typeof townshipCoverageSchema>;

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
  resolution: z.object({ resolved: countSchema, openAssigned: countSchema, rate: rateSchema }),
  handling: z.object({
    /** Incidents handled to a close in the last 30 days. */
    closed: countSchema,
    meanHours: z.number().nonnegative().nullable(),
  }),
  satisfaction: z.object({
    counts: z.record(z.enum(SATISFACTIONS), countSchema),
    /** Satisfied or basically satisfied, of every follow-up call. */
    satisfiedShare: rateSchema,
  }),
  overdue: countSchema,
  monitoring: z.object({
    online: countSchema,
    total: countSchema,
    rate: rateSchema,
    /** Worst first. */
    townships: z.array(townshipCoverageSchema),
  }),
});
export type Figures = z.infer<typeof figuresSchema>;
