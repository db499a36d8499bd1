import { z } from 'zod';
import { chinaDaySchema } from '../china-day';
import { areaCoverageSchema, cameraHealthSchema } from '../coverage';
import { kpiComparisonSchema } from '../kpi';
import { INCIDENT_CATEGORIES } from '../incident';
import { jurisdictionCodeSchema } from '../jurisdiction';
import { lngLatSchema } from '../geo';
import { modeSchema } from '../mode';
import { OPEN_RISK_GRADES, riskLevelSchema } from '../risk';
import { TIMED_STAGES, stageSchema } from '../stage';
import { isoDateTimeSchema } from '../time';
import { briefingTargetsSchema } from './briefing-targets';
import {
  ARRIVAL_BUCKET,
  ARRIVAL_BUCKETS,
  arrivalBucketStarts,
  briefingPeriodSchema,
  periodOf,
} from './period';

const countSchema = z.number().int().nonnegative();

/** The period's headline figures, each beside the period before and the mean of its baseline periods. */
export const HEADLINE_FIGURES = ['arrivals', 'highRisk', 'resolved', 'closed', 'open', 'overdue'] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

/**
 * A compared period counts only if the log had begun by the period's start: of a period before that the centre
 * knows nothing or only a part, and a comparison with it would read as a rise from zero.
 */
export const headlineSchema = z.object({
  figure: z.enum(HEADLINE_FIGURES),
  current: countSchema,
  /** Null when the log began after the period before began: no data. */
  previous: countSchema.nullable(),
  /** The mean over those of the `BASELINE_PERIODS` periods before this one that the log covers; null if none. */
  baselineMean: z.number().nonnegative().nullable(),
  /** How many baseline periods the mean is over. */
  baselinePeriods: countSchema,
});

export const riskItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  riskLevel: riskLevelSchema.nullable(),
  stage: stageSchema,
  jurisdictionCode: jurisdictionCodeSchema,
  address: z.string(),
  createdAt: isoDateTimeSchema,
  overdue: z.boolean(),
  unitIds: z.array(z.string()),
});

/** Orders issued in a period of wartime, and how each unit answered them. */
export const unitAcknowledgementSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  issued: countSchema,
  acknowledged: countSchema,
  /** Acknowledged after the time to acknowledge, or not at all though that time has passed. */
  late: countSchema,
  rate: z.number().min(0).max(1),
});

/**
 * The monitoring coverage and camera health of the scope as the desktop last worked them out, at `asOf`: the log's
 * camera statuses are not replayed, so for a past period this is the state now, and says so by its time.
 */
export const briefingMonitoringSchema = areaCoverageSchema.extend({
  asOf: isoDateTimeSchema,
  health: cameraHealthSchema,
});
export type BriefingMonitoring = z.infer<typeof briefingMonitoringSchema>;

export const briefingSchema = z
  .object({
    scope: jurisdictionCodeSchema,
    period: briefingPeriodSchema,
    /** The day asked for, any day inside the period. */
    day: chinaDaySchema,
    /** The period's first and last days, both included. */
    from: chinaDaySchema,
    until: chinaDaySchema,
    /** The figures stand as at this instant: the end of the period, or now for the period in progress. */
    asOf: isoDateTimeSchema,
    /** Wartime if the scope was on a war footing at any moment of the period. */
    mode: modeSchema,
    headline: z.array(headlineSchema).length(HEADLINE_FIGURES.length),
    /**
     * The period's arrivals per category, bucket by bucket (China time): per hour for a day, per day for a
     * week or a month, per calendar week for a quarter (see `arrivalBucketStarts`).
     */
    arrivals: z.object({
      total: countSchema,
      bucket: z.enum(ARRIVAL_BUCKETS),
      byCategory: z.partialRecord(z.enum(INCIDENT_CATEGORIES), z.array(countSchema)),
    }),
    /** Open at the end of the period, by stage and risk. */
    open: z.object({
      total: countSchema,
      byStage: z.record(z.enum(TIMED_STAGES), z.record(z.enum(OPEN_RISK_GRADES), countSchema)),
    }),
    /** The ten highest risks open at the end of the period: high first, then the oldest first. */
    topRisks: z.array(riskItemSchema).max(10),
    /** Overdue incidents at the end of the period per assigned unit; `unitId` null for those not yet assigned. */
    overdueByUnit: z.array(
      z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), count: countSchema }),
    ),
    /** Where the period's incidents arose: per village, most first, and every incident's place for a density map. */
    hotspots: z.object({
      villages: z.array(z.object({ code: jurisdictionCodeSchema, count: countSchema })),
      points: z.array(lngLatSchema),
    }),
    /**
     * The seed's figures for the period (handling time, dispute capture rate, follow-up satisfaction, resolution
     * rate; `src/domain/kpi.ts`), beside the period before when the log covers it.
     */
    kpis: kpiComparisonSchema,
    /** Null when the briefing was built without the state of the monitoring points. */
    monitoring: briefingMonitoringSchema.nullable(),
    /** In wartime: the orders issued in the period and each unit's acknowledgement. Null in peacetime. */
    orders: z
      .object({
        issued: countSchema,
        acknowledged: countSchema,
        late: countSchema,
        byUnit: z.array(unitAcknowledgementSchema),
      })
      .nullable(),
    /** The registers of dangerous objects and sensitive places at the end of the period. */
    targets: briefingTargetsSchema,
  })
  .superRefine((briefing, ctx) => {
    // A briefing read from elsewhere (the contract's output) must hang together: its span is its period's,
    // and its arrival buckets are the period's.
    const span = periodOf(briefing.period, briefing.day);
    if (briefing.from !== span.from || briefing.until !== span.until)
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `the ${briefing.period} holding ${briefing.day} runs from ${span.from} until ${span.until}`,
      });
    if (briefing.arrivals.bucket !== ARRIVAL_BUCKET[briefing.period])
      ctx.addIssue({
        code: 'custom',
        path: ['arrivals', 'bucket'],
        message: `a ${briefing.period}'s arrivals are counted per ${ARRIVAL_BUCKET[briefing.period]}`,
      });
    const buckets = arrivalBucketStarts(briefing.period, span).length;
    for (const [category, counts] of Object.entries(briefing.arrivals.byCategory))
      if (counts.length !== buckets)
        ctx.addIssue({
          code: 'custom',
          path: ['arrivals', 'byCategory', category],
          message: `a ${briefing.period} has ${buckets} arrival buckets`,
        });
  });
export type Briefing = z.infer<typeof briefingSchema>;
export type BriefingRiskItem = z.infer<typeof riskItemSchema>;
export type UnitAcknowledgement = z.infer<typeof unitAcknowledgementSchema>;
