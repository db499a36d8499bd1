import { z } from 'zod';
import { FORCE_KINDS, MONITORING_STATUSES, lngLatSchema, riskLevelSchema, stageSchema } from '../../domain';

/** The map at one instant of a replayed shift: what was open, where the forces were, which cameras were down. */
export const replayFrameSchema = z.object({
  at: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      location: lngLatSchema,
      stage: stageSchema,
      riskLevel: riskLevelSchema.nullable(),
      title: z.string(),
    }),
  ),
  forces: z.array(z.object({ id: z.string(), kind: z.enum(FORCE_KINDS), location: lngLatSchema })),
  offlineCameras: z.array(
    z.object({ id: z.string(), location: lngLatSchema, status: z.enum(MONITORING_STATUSES) }),
  ),
});
export type ReplayFrame = z.infer<typeof replayFrameSchema>;
