import { z } from 'zod';
import { chinaDaySchema } from '../china-day';
import { INCIDENT_CATEGORIES } from '../incident';
import { jurisdictionCodeSchema } from '../jurisdiction';
import { lngLatSchema } from '../geo';
import { modeSchema } from '../mode';
import { OPEN_RISK_GRADES, riskLevelSchema } from '../risk';
import { TIMED_STAGES, stageSchema } from '../stage';
import { isoDateTimeSchema } from '../time';

const countSchema = z.number().int().nonnegative();
const hourlySchema = z.array(countSchema).length(24);

/** The day's headline figures, each beside the day before and the mean of the seven days before. */
export const HEADLINE_FIGURES = ['arrivals', 'highRisk', 'resolved', 'closed', 'open', 'overdue'] as const;
export type HeadlineFigure = (typeof HEADLINE_FIGURES)[number];

export const headlineSchema = z.object({
  figure: z.enum(HEADLINE_FIGURES),
  day: countSchema,
  previousDay: countSchema,
  weekMean: z.number().nonnegative(),
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

/** Orders issued on a day in wartime, and how each unit answered them. */
export const unitAcknowledgementSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  issued: countSchema,
  acknowledged: countSchema,
  /** Acknowledged after the time to acknowledge, or not at all though that time has passed. */
  late: countSchema,
  rate: z.number().min(0).max(1),
});

export const briefingSchema = z.object({
  scope: jurisdictionCodeSchema,
  day: chinaDaySchema,
  /** The figures stand as at this instant: the end of the day, or now for today. */
  asOf: isoDateTimeSchema,
  /** Wartime if the scope was on a war footing at any moment of the day. */
  mode: modeSchema,
  headline: z.array(headlineSchema).length(HEADLINE_FIGURES.length),
  /** The day's arrivals per category, hour by hour (China time). */
  arrivals: z.object({
    total: countSchema,
    byCategory: z.partialRecord(z.enum(INCIDENT_CATEGORIES), hourlySchema),
  }),
  /** Open at the end of the day, by stage and risk. */
  open: z.object({
    total: countSchema,
    byStage: z.record(z.enum(TIMED_STAGES), z.record(z.enum(OPEN_RISK_GRADES), countSchema)),
  }),
  /** The ten highest risks open at the end of the day: high first, then the oldest first. */
  topRisks: z.array(riskItemSchema).max(10),
  /** Overdue incidents at the end of the day per assigned unit; `unitId` null for those not yet assigned. */
  overdueByUnit: z.array(
    z.object({ unitId: z.string().nullable(), unitName: z.string().nullable(), count: countSchema }),
  ),
  /** Where the day's incidents arose: per village, most first, and every incident's place for a density map. */
  hotspots: z.object({
    villages: z.array(z.object({ code: jurisdictionCodeSchema, count: countSchema })),
    points: z.array(lngLatSchema),
  }),
  /** In wartime: the orders issued that day and each unit's acknowledgement. Null in peacetime. */
  orders: z
    .object({
      issued: countSchema,
      acknowledged: countSchema,
      late: countSchema,
      byUnit: z.array(unitAcknowledgementSchema),
    })
    .nullable(),
});
export type Briefing = z.infer<typeof briefingSchema>;
export type BriefingRiskItem = z.infer<typeof riskItemSchema>;
export type UnitAcknowledgement = z.infer<typeof unitAcknowledgementSchema>;
