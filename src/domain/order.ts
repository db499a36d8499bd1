import { z } from 'zod';
import type { Stage } from './stage';
import { isoDateTimeSchema, toMillis, type IsoDateTime } from './time';

export const acknowledgementSchema = z.object({
  acknowledgedAt: isoDateTimeSchema,
  /** The operator id that recorded the unit reporting in. */
  by: z.string().min(1),
  note: z.string().max(1000),
  /** The person at the unit who signed for it, when known. */
  signedBy: z.string().max(50).optional(),
  /**
   * The unit an operator recorded this for (the unit phoned the centre in): absent when the unit's own
   * system acknowledged through its key.
   */
  onBehalfOf: z.string().min(1).optional(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

/**
 * A dispatch order (交办单) to one member unit. It carries two deadlines, as the paper forms do: the
 * unit must report in (签收) by `acknowledgeBy` and finish the handling (办结) by `deadline`.
 */
export const orderSchema = z
  .object({
    id: z.string().min(1),
    incidentId: z.string().min(1),
    unitId: z.string().min(1),
    issuedAt: isoDateTimeSchema,
    acknowledgeBy: isoDateTimeSchema,
    deadline: isoDateTimeSchema,
    /** The operator id that issued the order. */
    issuedBy: z.string().min(1),
    acknowledgement: acknowledgementSchema.nullable(),
  })
  .superRefine((order, ctx) => {
    if (toMillis(order.deadline) <= toMillis(order.issuedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['deadline'],
        message: 'the deadline must be after the order is issued',
      });
    }
    if (toMillis(order.acknowledgeBy) <= toMillis(order.issuedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgeBy'],
        message: 'the time to acknowledge must be after the order is issued',
      });
    }
    if (toMillis(order.acknowledgeBy) > toMillis(order.deadline)) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgeBy'],
        message: 'the time to acknowledge may not be after the deadline',
      });
    }
    if (order.acknowledgement && toMillis(order.acknowledgement.acknowledgedAt) < toMillis(order.issuedAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['acknowledgement', 'acknowledgedAt'],
        message: 'an order cannot be acknowledged before it is issued',
      });
    }
  });
export type Order = z.infer<typeof orderSchema>;

export const ORDER_STATES = ['issued', 'acknowledged', 'done', 'overdue'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * An incident assigns each unit once (assignment happens only out of `assess`, which is never
 * re-entered), so the pair names the order and the lifecycle can issue orders without a generator.
 */
export function orderIdFor(incidentId: string, unitId: string): string {
  return `${incidentId}/${unitId}`;
}

/** Stages in which the assignees' handling is over. */
const HANDLED_STAGES: readonly Stage[] = ['followUp', 'closed'];

/**
 * An order is done when its incident has been resolved. Completion is read off the incident rather
 * than stored on the order so that a dissatisfied follow-up, which reopens the incident, reopens its
 * orders too. Overdue means past the deadline, or still unacknowledged past `acknowledgeBy`:
 * either way the centre has a unit to chase.
 */
export function orderState(order: Order, incidentStage: Stage, now: IsoDateTime): OrderState {
  if (HANDLED_STAGES.includes(incidentStage)) return 'done';
  if (toMillis(now) > toMillis(order.deadline)) return 'overdue';
  if (order.acknowledgement) return 'acknowledged';
  return isAcknowledgementLate(order, now) ? 'overdue' : 'issued';
}

/** Late when acknowledged after `acknowledgeBy`, or still unacknowledged once `now` is past it. */
export function isAcknowledgementLate(order: Order, now: IsoDateTime): boolean {
  const acknowledgedAt = order.acknowledgement?.acknowledgedAt ?? now;
  return toMillis(acknowledgedAt) > toMillis(order.acknowledgeBy);
}
