import { z } from 'zod';
import { lngLatSchema } from './geo';
import { jurisdictionCodeSchema } from './jurisdiction';
import { isoDateTimeSchema } from './time';
import { videoSourceSchema } from './video';

/** The 雪亮工程 inventory: public video cameras, vehicle checkpoints and face-capture cameras. */
export const MONITORING_POINT_KINDS = ['camera', 'vehicle-checkpoint', 'face-capture'] as const;
export type MonitoringPointKind = (typeof MONITORING_POINT_KINDS)[number];

/** Public video cameras are graded class 1, 2 or 3 (Gulang counts 1,932 / 1,159 / 3,980). */
export const CAMERA_CLASSES = [1, 2, 3] as const;
export type CameraClass = (typeof CAMERA_CLASSES)[number];

export const MONITORING_STATUSES = ['online', 'offline', 'fault'] as const;
export type MonitoringStatus = (typeof MONITORING_STATUSES)[number];

export const monitoringPointSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    kind: z.enum(MONITORING_POINT_KINDS),
    cameraClass: z.literal(CAMERA_CLASSES).nullable(),
    jurisdictionCode: jurisdictionCodeSchema,
    location: lngLatSchema,
    status: z.enum(MONITORING_STATUSES),
    /** When the point last changed status, so the wall can show how long a camera has been dark. */
    statusAt: isoDateTimeSchema,
    /** Where its live picture comes from, for a camera the directory has given one; absent or null for none. */
    video: videoSourceSchema.nullable().optional(),
  })
  .superRefine((point, ctx) => {
    if (point.video && point.kind !== 'camera') {
      ctx.addIssue({
        code: 'custom',
        path: ['video'],
        message: `only a camera has video, not a ${point.kind}`,
      });
    }
    if (point.kind === 'camera' && point.cameraClass === null) {
      ctx.addIssue({ code: 'custom', path: ['cameraClass'], message: 'a camera is graded class 1, 2 or 3' });
    }
    if (point.kind !== 'camera' && point.cameraClass !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['cameraClass'],
        message: `only cameras are graded by class, not a ${point.kind}`,
      });
    }
  });
export type MonitoringPoint = z.infer<typeof monitoringPointSchema>;
