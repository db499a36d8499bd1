import { z } from 'zod';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  MONITORING_STATUSES,
  incidentJurisdictionCodeSchema,
  isoDateTimeSchema,
  lngLatSchema,
  reporterSchema,
  videoSourceSchema,
} from '../domain';
import { latitudeSchema, longitudeSchema } from '../domain/geo';
import { lineOfText, optionalLineOfText, paragraphsOfText } from './text';

/**
 * The field's HTTP API. Every item carries the sender's own id: the hub records it, so a batch resent
 * after a lost reply is refused as a replay instead of being stored twice.
 */
const externalIdSchema = lineOfText(100);
/** An id the hub gave out (a camera's, a force's, an order's). */
const referenceSchema = lineOfText(200);
const titleSchema = lineOfText(120);

/** Who reported: free text like the rest, so a name cannot carry what a title may not. */
const ingestReporterSchema = reporterSchema.extend({ name: lineOfText(50).optional() });

const reportFields = {
  kind: z.enum(INCIDENT_KINDS),
  category: z.enum(INCIDENT_CATEGORIES),
  title: titleSchema,
  description: paragraphsOfText(4000).default(''),
  jurisdictionCode: incidentJurisdictionCodeSchema,
  location: lngLatSchema,
  address: optionalLineOfText(200).default(''),
};

export const reportsBodySchema = z
  .object({
    reports: z
      .array(
        z
          .object({
            id: externalIdSchema,
            source: z.enum(['grid-worker', 'citizen-qr']),
            reporter: ingestReporterSchema.nullable().default(null),
            ...reportFields,
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const hotlineTicketsBodySchema = z
  .object({
    tickets: z
      .array(
        z
          .object({
            ticketNo: externalIdSchema,
            caller: ingestReporterSchema.nullable().default(null),
            ...reportFields,
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export const monitoringStatusBodySchema = z
  .object({
    updates: z
      .array(
        z
          .object({
            id: externalIdSchema,
            pointId: referenceSchema,
            status: z.enum(MONITORING_STATUSES),
            at: isoDateTimeSchema,
          })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();

export const monitoringAlarmsBodySchema = z
  .object({
    alarms: z
      .array(
        z
          .object({
            id: externalIdSchema,
            pointId: referenceSchema,
            category: z.enum(INCIDENT_CATEGORIES),
            title: titleSchema,
            description: paragraphsOfText(4000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

/**
 * The camera platform's video directory (视频目录同步): each camera's source, or null when it has none any
 * more. A camera named twice in one batch is refused like any repeated item.
 */
export const videoSourcesBodySchema = z
  .object({
    sources: z
      .array(
        z
          .object({ id: externalIdSchema, pointId: referenceSchema, source: videoSourceSchema.nullable() })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();

export const forcePositionsBodySchema = z
  .object({
    positions: z
      .array(
        z
          .object({
            id: externalIdSchema,
            forceId: referenceSchema,
            lng: longitudeSchema,
            lat: latitudeSchema,
            at: isoDateTimeSchema,
            /** Volunteers say whether they are on duty with each fix, and stand down with a last one. */
            onDuty: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
  })
  .strict();

export const acknowledgementsBodySchema = z
  .object({
    acknowledgements: z
      .array(
        z
          .object({
            id: externalIdSchema,
            /** `<incident id>/<unit id>`, as the order was issued. */
            orderId: referenceSchema,
            note: paragraphsOfText(1000).optional(),
            /** The person at the unit who signed for the order. */
            signedBy: lineOfText(50).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(500),
  })
  .strict();

export type ReportsBody = z.infer<typeof reportsBodySchema>;
export type HotlineTicketsBody = z.infer<typeof hotlineTicketsBodySchema>;
export type MonitoringStatusBody = z.infer<typeof monitoringStatusBodySchema>;
export type MonitoringAlarmsBody = z.infer<typeof monitoringAlarmsBodySchema>;
export type VideoSourcesBody = z.infer<typeof videoSourcesBodySchema>;
export type ForcePositionsBody = z.infer<typeof forcePositionsBodySchema>;
export type AcknowledgementsBody = z.infer<typeof acknowledgementsBodySchema>;

export const INGEST_ENDPOINTS = {
  '/api/v1/reports': { schema: reportsBodySchema, summary: "Grid workers' and citizens' (QR code) reports" },
  '/api/v1/hotline/tickets': {
    schema: hotlineTicketsBodySchema,
    summary: 'Hotline tickets (12345 and others)',
  },
  '/api/v1/monitoring/status': {
    schema: monitoringStatusBodySchema,
    summary: "Camera platform: points' status",
  },
  '/api/v1/monitoring/alarms': { schema: monitoringAlarmsBodySchema, summary: 'Camera platform: alarms' },
  '/api/v1/monitoring/video-sources': {
    schema: videoSourcesBodySchema,
    summary: "Camera platform: the video directory, each camera's GB/T 28181 ids or RTSP address and gateway",
  },
  '/api/v1/forces/positions': { schema: forcePositionsBodySchema, summary: "Forces' positions" },
  '/api/v1/orders/acknowledgements': {
    schema: acknowledgementsBodySchema,
    summary: "Member units reporting in on their dispatch orders (部门报到), from the units' own systems",
  },
} as const;
export type IngestPath = keyof typeof INGEST_ENDPOINTS;
/** The body an endpoint takes, as parsed (defaults filled in, text trimmed). */
export type IngestBody<P extends IngestPath> = z.infer<(typeof INGEST_ENDPOINTS)[P]['schema']>;
