import { z } from 'zod';
import { FORCE_KINDS, ORDER_STATES } from '../../domain';

/** What the war-room layout shows beside the map: today's orders, who has reported in, and the forces. */
export const warRoomOrderSchema = z.object({
  orderId: z.string(),
  incidentId: z.string(),
  incidentTitle: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  issuedAt: z.string(),
  acknowledgeBy: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** Acknowledged after `acknowledgeBy`, or not yet and already past it. */
  late: z.boolean(),
  state: z.enum(ORDER_STATES),
});

export const rosterEntrySchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  orders: z.number(),
  acknowledged: z.number(),
  /** The unit's first acknowledgement today: when it reported in to the joint office. */
  checkedInAt: z.string().nullable(),
});

export const warRoomSchema = z.object({
  /** Start of the operator's day (local midnight), from which "today" counts. */
  since: z.string(),
  orders: z.array(warRoomOrderSchema),
  roster: z.array(rosterEntrySchema),
  forces: z.array(
    z.object({
      kind: z.enum(FORCE_KINDS),
      total: z.number(),
      members: z.number(),
      /** Reported a position in the last 15 minutes. */
      active: z.number(),
    }),
  ),
});
export type WarRoom = z.infer<typeof warRoomSchema>;
