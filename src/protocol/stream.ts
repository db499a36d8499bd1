import { z } from 'zod';
import { ENTITY_KINDS, hubEventSchema, wordingSchema, type OperatorCommand } from '../domain';
import { directoryEntrySchema, viewerSchema } from '../domain/directory';

/** The Socket.IO events of the live stream, by direction. */
export const SERVER_EVENTS = {
  /** A batch of the log: the events of the subscriber's stream in a stretch of seqs. */
  events: 'events',
  /** The state of the scope, instead of the events the hub no longer keeps. */
  snapshot: 'snapshot',
  /** A catch-up begins: the stretch it will cover, for the progress bar. */
  catchUp: 'catch-up',
  /** Who has an incident open now. */
  presence: 'presence',
} as const;

export const CLIENT_EVENTS = {
  subscribe: 'subscribe',
  /** Asks for a stretch of the log the client found missing. */
  backfill: 'backfill',
  command: 'command',
  /** Says which incident this screen has open (or none). */
  presence: 'presence',
  /** Asks for the names behind the account ids in the records. */
  directory: 'directory',
} as const;

/** The most events one `events` frame or backfill answer carries. */
export const MAX_EVENTS_PER_FRAME = 5000;

const seqSchema = z.number().int().nonnegative();
const codeSchema = z.string().regex(/^\d+$/, 'a jurisdiction code is digits only').max(20);
/** Control characters (NUL among them) and invisible format characters hide what an id really is. */
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const wireIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => !HIDDEN_CHARACTERS.test(id), 'control or invisible characters are not allowed');
const refusedSchema = z.object({ ok: z.literal(false), error: z.string() });

// ---- client → hub ------------------------------------------------------------------------------------

export const subscribeRequestSchema = z
  .object({
    since: seqSchema,
    /** Narrower than the account's jurisdiction, for a screen that follows one county; never wider. */
    scope: codeSchema.optional(),
  })
  .strict();
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const backfillRequestSchema = z
  .object({ after: seqSchema, through: seqSchema })
  .strict()
  .refine((range) => range.through >= range.after, { message: 'through must not be before after' });
export type BackfillRequest = z.infer<typeof backfillRequestSchema>;

export const presenceRequestSchema = z.object({ incidentId: wireIdSchema.nullable() }).strict();
export type PresenceRequest = z.infer<typeof presenceRequestSchema>;

export const directoryRequestSchema = z.object({}).strict();
export type DirectoryRequest = z.infer<typeof directoryRequestSchema>;

// ---- hub → client ------------------------------------------------------------------------------------

export const streamBoundsSchema = z
  .object({ after: seqSchema, through: seqSchema })
  .refine((bounds) => bounds.through >= bounds.after, { message: 'through must not be before after' });
export type StreamBounds = z.infer<typeof streamBoundsSchema>;

/** Events in increasing seq order, each inside the stretch (after, through] the frame says it covers. */
function eventsInsideBounds(
  batch: { after: number; through: number; events: readonly { seq: number }[] },
  context: z.RefinementCtx,
): void {
  let previous = batch.after;
  batch.events.forEach((event, index) => {
    if (event.seq <= previous || event.seq > batch.through) {
      context.addIssue({
        code: 'custom',
        path: ['events', index, 'seq'],
        message: `seq ${event.seq} is out of order or outside ${batch.after}…${batch.through}`,
      });
    }
    previous = Math.max(previous, event.seq);
  });
}

const eventListSchema = z.array(hubEventSchema).max(MAX_EVENTS_PER_FRAME);

/** An `events` frame's two arguments, taken together. */
export const eventsFrameSchema = z
  .object({ events: eventListSchema, bounds: streamBoundsSchema })
  .superRefine((frame, context) => eventsInsideBounds({ ...frame.bounds, events: frame.events }, context));

/** An event as the hub sends it: the envelope of `HubEvent`, its payload checked by the receiver. */
export interface StreamedEvent {
  seq: number;
  id: string;
  type: string;
  jurisdiction: string;
  at: string;
  payload: unknown;
}

export const snapshotEntitySchema = z.object({
  kind: z.enum(ENTITY_KINDS),
  id: z.string().min(1),
  jurisdiction: z.string(),
  version: z.number().int().nonnegative(),
  doc: z.record(z.string(), z.unknown()),
});

export const snapshotFrameSchema = z.object({ seq: seqSchema, entities: z.array(snapshotEntitySchema) });

/** A snapshot as the hub sends it: each entity's kind and document checked by the receiver. */
export interface SnapshotFrame {
  seq: number;
  entities: readonly { kind: string; id: string; jurisdiction: string; version: number; doc: unknown }[];
}

export const catchUpFrameSchema = z
  .object({ from: seqSchema, to: seqSchema })
  .refine((stretch) => stretch.to >= stretch.from, { message: 'to must not be before from' });
export type CatchUpFrame = z.infer<typeof catchUpFrameSchema>;

export const presenceFrameSchema = z.object({
  incidentId: z.string().min(1),
  viewers: z.array(viewerSchema),
});
export type PresenceFrame = z.infer<typeof presenceFrameSchema>;

// ---- answers (acknowledgements) ----------------------------------------------------------------------

export const subscribeAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    scope: z.string(),
    mode: z.enum(['replay', 'snapshot']),
    /** The seq the client is complete through when live streaming begins. */
    liveFrom: seqSchema,
    replayed: seqSchema,
    /** The protocol the hub speaks (absent from a hub older than versioning): another version stops here. */
    protocol: z.number().int().optional(),
  }),
  refusedSchema,
]);
export type SubscribeAnswer = z.infer<typeof subscribeAnswerSchema>;

export const backfillAnswerSchema = z.discriminatedUnion('ok', [
  z
    .object({ ok: z.literal(true), after: seqSchema, through: seqSchema, events: eventListSchema })
    .superRefine(eventsInsideBounds),
  refusedSchema,
]);
export type BackfillAnswer = z.infer<typeof backfillAnswerSchema>;

export const commandAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    commandId: z.string(),
    seqs: z.array(seqSchema),
    replayed: z.literal(true).optional(),
  }),
  z.object({
    ok: z.literal(false),
    commandId: z.string().nullable().optional(),
    code: z.string().min(1),
    reason: z.string(),
    /** Absent from a hub that does not word its refusals. */
    words: wordingSchema.optional(),
    replayed: z.literal(true).optional(),
  }),
]);
export type CommandAnswer = z.infer<typeof commandAnswerSchema>;

export const presenceAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), viewers: z.array(viewerSchema) }),
  refusedSchema,
]);
export type PresenceAnswer = z.infer<typeof presenceAnswerSchema>;

export const directoryAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), accounts: z.array(directoryEntrySchema) }),
  refusedSchema,
]);
export type DirectoryAnswer = z.infer<typeof directoryAnswerSchema>;

// ---- Socket.IO's typed maps ----------------------------------------------------------------------------

/**
 * What the hub emits. Payload types are what the sender vouches for; a receiver still parses each frame
 * with the schema above, since the peer may be another build.
 */
export interface ServerToClientEvents {
  [SERVER_EVENTS.events]: (events: readonly StreamedEvent[], bounds: StreamBounds) => void;
  [SERVER_EVENTS.snapshot]: (snapshot: SnapshotFrame) => void;
  [SERVER_EVENTS.catchUp]: (stretch: CatchUpFrame) => void;
  [SERVER_EVENTS.presence]: (message: PresenceFrame) => void;
}

/** What a client emits; the hub parses every frame (its handlers take `unknown`). */
export interface ClientToServerEvents {
  [CLIENT_EVENTS.subscribe]: (request: SubscribeRequest, ack: (answer: SubscribeAnswer) => void) => void;
  [CLIENT_EVENTS.backfill]: (request: BackfillRequest, ack: (answer: BackfillAnswer) => void) => void;
  [CLIENT_EVENTS.command]: (command: OperatorCommand, ack: (answer: CommandAnswer) => void) => void;
  [CLIENT_EVENTS.presence]: (request: PresenceRequest, ack: (answer: PresenceAnswer) => void) => void;
  [CLIENT_EVENTS.directory]: (request: DirectoryRequest, ack: (answer: DirectoryAnswer) => void) => void;
}

/** The first problems of a refused frame, one line: for the log and for the refusal sent back. */
export function frameProblems(error: z.ZodError, limit = 5): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.map(String).join('.') || 'frame'}: ${issue.message}`)
    .join('; ');
}
