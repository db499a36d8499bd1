import { z } from 'zod';
import type { Incident } from './incident';
import type { Mode } from './mode';
import { RISK_LEVELS } from './risk';
import { TIMED_STAGES, type Stage, type TimedStage } from './stage';
import { addMinutes, toMillis, type IsoDateTime } from './time';
import { wording } from './wording';

const minutesSchema = z.number().int().positive();

const minutesByRiskSchema = z
  .object({ high: minutesSchema, medium: minutesSchema, low: minutesSchema })
  .superRefine((row, ctx) => {
    if (row.high > row.medium || row.medium > row.low) {
      ctx.addIssue({
        code: 'custom',
        message: 'higher risk never gets more time: high ≤ medium ≤ low',
        params: { words: wording('slaRiskOrder') },
      });
    }
  });

/**
 * Whether a case overdue at its stage is escalated by the hub, without anyone pressing a button, to the centre
 * one level up (village → township → county → prefecture), and how many levels at most.
 */
export const escalationSettingsSchema = z.object({
  automatic: z.boolean(),
  maxLevels: z.number().int().min(0).max(3),
});
export type EscalationSettings = z.infer<typeof escalationSettingsSchema>;

/** A table written before escalation could be configured escalates automatically, two levels at most. */
export const DEFAULT_ESCALATION: EscalationSettings = { automatic: true, maxLevels: 2 };

/** Minutes allowed in each stage, by risk level, measured from when the incident entered the stage. */
export const slaTableSchema = z.object({
  sense: minutesByRiskSchema,
  report: minutesByRiskSchema,
  assess: minutesByRiskSchema,
  assign: minutesByRiskSchema,
  resolve: minutesByRiskSchema,
  supervise: minutesByRiskSchema,
  followUp: minutesByRiskSchema,
  /** Absent in tables configured before it existed: those follow DEFAULT_ESCALATION. */
  escalation: escalationSettingsSchema.optional(),
});
export type SlaTable = z.infer<typeof slaTableSchema>;

/** What an admin configures: one table per mode. */
export const slaConfigSchema = z
  .object({ peacetime: slaTableSchema, wartime: slaTableSchema })
  .superRefine((config, ctx) => {
    for (const stage of TIMED_STAGES) {
      for (const risk of RISK_LEVELS) {
        if (config.wartime[stage][risk] > config.peacetime[stage][risk]) {
          ctx.addIssue({
            code: 'custom',
            path: ['wartime', stage, risk],
            message: `wartime may not allow more time than peacetime (${stage}, ${risk})`,
            params: { words: wording('slaWartimeLonger', { stage, risk }) },
          });
        }
      }
    }
  });
export type SlaConfig = z.infer<typeof slaConfigSchema>;

const HOUR = 60;
const DAY = 24 * HOUR;

/**
 * Defaults in the spirit of the pilot figures ("7 days to 1 day"). Verifying a lead and grading a
 * report cannot depend on a risk level that does not exist yet, so those rows are flat.
 */
export const DEFAULT_SLA: SlaConfig = {
  peacetime: {
    sense: { high: 2 * HOUR, medium: 2 * HOUR, low: 2 * HOUR },
    report: { high: 2 * HOUR, medium: 2 * HOUR, low: 2 * HOUR },
    assess: { high: 30, medium: 2 * HOUR, low: 8 * HOUR },
    assign: { high: 30, medium: 2 * HOUR, low: 4 * HOUR },
    resolve: { high: DAY, medium: 3 * DAY, low: 7 * DAY },
    supervise: { high: 12 * HOUR, medium: DAY, low: 3 * DAY },
    followUp: { high: DAY, medium: 2 * DAY, low: 3 * DAY },
  },
  wartime: {
    sense: { high: 30, medium: 30, low: 30 },
    report: { high: 30, medium: 30, low: 30 },
    assess: { high: 10, medium: 30, low: 2 * HOUR },
    assign: { high: 10, medium: 30, low: HOUR },
    resolve: { high: 6 * HOUR, medium: 12 * HOUR, low: DAY },
    supervise: { high: 3 * HOUR, medium: 6 * HOUR, low: 12 * HOUR },
    followUp: { high: 12 * HOUR, medium: DAY, low: DAY },
  },
};

/** How overdue cases escalate under `mode`'s table. */
export function escalationSettings(mode: Mode, config: SlaConfig = DEFAULT_SLA): EscalationSettings {
  return config[mode].escalation ?? DEFAULT_ESCALATION;
}

/**
 * Minutes the incident is allowed in `stage`. An incident not yet graded is timed as high risk: the
 * report nobody has read may be the urgent one, and grading it is what earns it a longer clock.
 */
export function minutesAllowed(
  incident: Incident,
  stage: TimedStage,
  mode: Mode,
  config: SlaConfig = DEFAULT_SLA,
): number {
  return config[mode][stage][incident.riskLevel ?? 'high'];
}

/**
 * When the incident's time in `stage` runs out, or null if it has not entered that stage or the stage
 * has no deadline. The table of the mode in force applies, so declaring wartime tightens the clocks
 * of incidents already under way.
 */
export function deadlineFor(
  incident: Incident,
  stage: Stage,
  mode: Mode,
  config: SlaConfig = DEFAULT_SLA,
): IsoDateTime | null {
  if (stage === 'closed') return null;
  const enteredAt = incident.stageEnteredAt[stage];
  if (enteredAt === undefined) return null;
  return addMinutes(enteredAt, minutesAllowed(incident, stage, mode, config));
}

/** Overdue once `now` is past the deadline of the current stage; on the deadline itself it is still on time. */
export function isOverdue(
  incident: Incident,
  now: IsoDateTime,
  mode: Mode,
  config: SlaConfig = DEFAULT_SLA,
): boolean {
  const deadline = deadlineFor(incident, incident.stage, mode, config);
  return deadline !== null && toMillis(now) > toMillis(deadline);
}

/**
 * The jurisdiction whose tables apply in `code`: the nearest one at or above it that configured its own,
 * or undefined where the defaults apply. `configured` holds each configuring jurisdiction's code and tables.
 */
export function slaSourceFor<T extends { jurisdictionCode: string }>(
  configured: readonly T[],
  code: string,
): T | undefined {
  let best: T | undefined;
  for (const entry of configured) {
    if (!code.startsWith(entry.jurisdictionCode)) continue;
    if (!best || entry.jurisdictionCode.length > best.jurisdictionCode.length) best = entry;
  }
  return best;
}

/** The tables that apply in `code`. */
export function slaInForce(
  configured: readonly { jurisdictionCode: string; config: SlaConfig }[],
  code: string,
): SlaConfig {
  return slaSourceFor(configured, code)?.config ?? DEFAULT_SLA;
}
