import { z } from 'zod';
import { CAMERA_CLASSES, MONITORING_STATUSES, jurisdictionCodeSchema, lngLatSchema } from '../../domain';

/**
 * Live video as the renderer sees it. The desktop asks the hub for a play session and hands the renderer only
 * the session's play URLs, never a camera's address or a gateway's credentials.
 */

export const videoPlayUrlsSchema = z.object({
  flv: z.string().optional(),
  hls: z.string().optional(),
  webrtc: z.string().optional(),
});

export const videoSessionViewSchema = z.object({
  sessionId: z.string(),
  cameraId: z.string(),
  urls: videoPlayUrlsSchema,
  /** ISO time the session ends without a keep-alive. */
  expiresAt: z.string(),
});
export type VideoSessionView = z.infer<typeof videoSessionViewSchema>;

export const videoCameraViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  class: z.literal(CAMERA_CLASSES).nullable(),
  status: z.enum(MONITORING_STATUSES),
  position: lngLatSchema,
  jurisdictionCode: jurisdictionCodeSchema,
});
export type VideoCameraView = z.infer<typeof videoCameraViewSchema>;

/** What a camera's card says of its video: how it is connected, never where from. */
export const videoSourceViewSchema = z
  .object({ kind: z.enum(['gb28181', 'rtsp']), channelId: z.string().nullable() })
  .nullable();

export const nearbyVideoInputSchema = z
  .object({
    location: lngLatSchema,
    count: z.number().int().min(1).max(16).default(4),
    radiusKm: z.number().positive().max(20).default(2),
  })
  .strict();

export const nearbyVideoSchema = z.object({
  cameras: z.array(videoCameraViewSchema.extend({ distanceKm: z.number() })),
});
