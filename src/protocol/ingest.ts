import { z } from 'zod';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  MONITORING_STATUSES,
  incidentJurisdictionCodeSchema,
  isoDateTimeSchema,
  lngLatSchema,
  reporterSchema,
} from '../domain';
import { latitudeSchema, longitudeSchema } from '../domain/geo';

/**
 * Characters that print as nothing or reorder what is around them: NUL and the other control characters,
 * zero-width spaces and joiners, bidirectional overrides, the byte-order mark. In an id they make two ids
 * that look the same differ; in a title they hide or disguise text an operator reads out.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/u;
const LINE_BREAKS = /[\t\n\r]/u;
const INVISIBLE_CHARACTERS = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/u;

function visible(text: z.ZodString) {
  return text
    .refine((value) => !CONTROL_CHARACTERS.test(value), 'contains a control character (such as NUL)')
    .refine((value) => !INVISIBLE_CHARACTERS.test(value), 'contains an invisible formatting character');
}

/** Text of several lines (a description, a note): line breaks and tabs are kept, nothing invisible. */
function paragraphs(max: number) {
  return visible(z.string().max(max));
}

/** One line of text (an id, a title, an address), trimmed: no line breaks inside either. */
function line(max: number) {
  return visible(z.string().trim().max(max)).refine(
    (value) => !LINE_BREAKS.test(value),
    'contains a line break or a tab',
  );
}

/**
 * The field's HTTP API. Every item carries the sender's own id: the hub records it, so a batch resent
 * after a lost reply is refused as a replay instead of being stored twice.
 */
const externalIdSchema = line(100).min(1);
/** An id the hub gave out (a camera's, a force's, an order's). */
const referenceSchema = line(200).min(1);
const titleSchema = line(120).min(1);

const reportFields = {
  kind: z.enum(INCIDENT_KINDS),
  category: z.enum(INCIDENT_CATEGORIES),
  title: titleSchema,
  description: paragraphs(4000).default(''),
  jurisdictionCode: incidentJurisdictionCodeSchema,
  location: lngLatSchema,
  address: line(200).default(''),
};

export const reportsBodySchema = z
  .object({
    reports: z
      .array(
        z
          .object({
            id: externalIdSchema,
            source: z.enum(['grid-worker', 'citizen-qr']),
            reporter: reporterSchema.nullable().default(null),
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
            caller: reporterSchema.nullable().default(null),
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
            description: paragraphs(4000).default(''),
          })
          .strict(),
      )
      .min(1)
      .max(500),
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
            note: paragraphs(1000).optional(),
            /** The person at the unit who signed for the order. */
            signedBy: line(50).min(1).optional(),
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
  '/api/v1/forces/positions': { schema: forcePositionsBodySchema, summary: "Forces' positions" },
  '/api/v1/orders/acknowledgements': {
    schema: acknowledgementsBodySchema,
    summary: "Member units reporting in on their dispatch orders (部门报到), from the units' own systems",
  },
} as const;
export type IngestPath = keyof typeof INGEST_ENDPOINTS;
/** The body an endpoint takes, as parsed (defaults filled in, text trimmed). */
export type IngestBody<P extends IngestPath> = z.infer<(typeof INGEST_ENDPOINTS)[P]['schema']>;
