import { z } from 'zod';
import { CAMERA_CLASSES, MONITORING_STATUSES, jurisdictionCodeSchema, lngLatSchema } from '../domain';

/**
 * The hub's video API (`/api/v1/video/…`), shared by the hub's routes and the desktop's client. The hub
 * carries no video: it decides who may watch which camera, asks the camera's gateway for a stream and
 * answers with play URLs that carry a signed token and expire.
 */

export const PLAY_PROTOCOLS = ['flv', 'hls', 'webrtc'] as const;
export type PlayProtocol = (typeof PLAY_PROTOCOLS)[number];

export const videoCameraSchema = z.object({
  id: z.string(),
  name: z.string(),
  class: z.literal(CAMERA_CLASSES).nullable(),
  status: z.enum(MONITORING_STATUSES),
  position: lngLatSchema,
  jurisdictionCode: jurisdictionCodeSchema,
});

/** `GET /api/v1/video/cameras`: the cameras with video in the caller's jurisdiction. */
export const videoCamerasAnswerSchema = z.object({ cameras: z.array(videoCameraSchema) });
export type VideoCamerasAnswer = z.infer<typeof videoCamerasAnswerSchema>;

/** `POST /api/v1/video/sessions`. */
export const videoSessionRequestSchema = z
  .object({ cameraId: z.string().min(1).max(200), protocol: z.enum(PLAY_PROTOCOLS).optional() })
  .strict();
export type VideoSessionRequest = z.infer<typeof videoSessionRequestSchema>;

const playUrlSchema = z.string().url();

/** The answer to opening a session and to each keep-alive (`POST /api/v1/video/sessions/:id/keep-alive`). */
export const videoSessionSchema = z.object({
  sessionId: z.string(),
  cameraId: z.string(),
  urls: z.object({
    flv: playUrlSchema.optional(),
    hls: playUrlSchema.optional(),
    webrtc: playUrlSchema.optional(),
  }),
  /** ISO time: without a keep-alive before it, the session ends and the stream is released. */
  expiresAt: z.string(),
});
export type VideoSession = z.infer<typeof videoSessionSchema>;

/** Why a session was refused, for the screen to word (with the HTTP status the hub answered). */
export const VIDEO_REFUSALS = [
  'role-not-permitted',
  'out-of-scope',
  'unknown-camera',
  'no-video-source',
  'camera-offline',
  'operator-stream-cap',
  'hub-stream-cap',
  'gateway-unavailable',
  'unknown-session',
] as const;
export type VideoRefusal = (typeof VIDEO_REFUSALS)[number];
