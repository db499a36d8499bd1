import { z } from 'zod';
import { jurisdictionCodeSchema } from './jurisdiction';
import { TIMED_STAGES } from './stage';
import { isoDateTimeSchema } from './time';

/** Why a case went up a level. Codes, worded by the screens: only being overdue at a stage, for now. */
export const ESCALATION_REASONS = ['overdue-at-stage'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * One step up the supervision chain (逐级督办): the case went overdue at `stage` and the centre at `to`, one level
 * above the one supervising it until then, now supervises it. `deadline` is the one it missed.
 */
export const escalationSchema = z.object({
  level: z.number().int().positive(),
  reason: z.enum(ESCALATION_REASONS),
  stage: z.enum(TIMED_STAGES),
  /** When the case entered the stage it was late in: escalations of an earlier pass through it do not count. */
  stageEnteredAt: isoDateTimeSchema,
  deadline: isoDateTimeSchema,
  /** The centre now supervising: a township, county or prefecture code. */
  to: jurisdictionCodeSchema,
  at: isoDateTimeSchema,
});
export type Escalation = z.infer<typeof escalationSchema>;
