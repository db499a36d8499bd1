import { z } from 'zod';
import {
  ENTITY_KINDS,
  handoverReviewSchema,
  handoverSchema,
  officialDocumentSchema,
  outstandingRiskSchema,
  outstandingDangerousObjectSchema,
  savedBulletinSchema,
  isoDateTimeSchema,
  shiftSchema,
  MODES,
  RISK_LEVELS,
  STAGES,
  incidentNoteSchema,
  incidentSchema,
  memberUnitSchema,
  modeStateSchema,
  operatorCommandSchema,
  orderSchema,
  wordingSchema,
  type Wording,
} from '../../domain';
import {
  JURISDICTION_LEVELS,
  jurisdictionCodeSchema,
  regionCountsSchema,
  regionManifestSchema,
} from '../../domain/jurisdiction';
import { noticeNumberSchema } from '../../domain/notice-number';
import { slaConfigSchema } from '../../domain/sla';
import { briefingSchema, briefingWindowSchema } from '../../domain/briefing';
import { incidentAlertSchema } from './alerts';
import {
  EXPORT_FORMATS,
  QUEUE_SORTS,
  queueExportSchema,
  queueFilterSchema,
  queueWindowInputSchema,
  queueWindowSchema,
} from './queue';
import { viewerSchema } from './presence';
import { figuresSchema } from './figures';
import { warRoomSchema } from './war-room';
import {
  subsidiesInputSchema,
  subsidiesViewSchema,
  subsidyExportSchema,
  subsidyRatesViewSchema,
} from './subsidies';
import { replayFrameSchema } from './replay';
import {
  keyPersonExportInputSchema,
  keyPersonExportSchema,
  keyPersonListInputSchema,
  keyPersonListViewSchema,
  keyPersonUnmaskInputSchema,
  keyPersonUnmaskedSchema,
} from './key-persons';
import { targetRegisterInputSchema, targetRegisterViewSchema } from './targets';
import { auditFilterSchema, auditPageViewSchema, auditSearchInputSchema } from './audit';
import {
  nearbyVideoInputSchema,
  nearbyVideoSchema,
  videoSessionViewSchema,
  videoSourceViewSchema,
} from './video';
import {
  accountListViewSchema,
  accountTargetSchema,
  accountViewSchema,
  newAccountInputSchema,
  oneTimePasswordViewSchema,
  roleChangeInputSchema,
  securityPolicyViewSchema,
} from './accounts';

/**
 * The desktop API: every query, command and change notification the renderer may use, declared once.
 * Both transports (Electron IPC through the preload bridge, and the browser shell's local WebSocket)
 * carry exactly these calls, validating the input on the way in and the output on the way out.
 */

// ---- shapes ---------------------------------------------------------------------------------------

export const countySummarySchema = z.object({
  code: jurisdictionCodeSchema,
  name: z.string(),
  counts: regionCountsSchema,
});

export const regionOverviewSchema = z.object({
  manifest: regionManifestSchema,
  counts: regionCountsSchema,
  counties: z.array(countySummarySchema),
});
export type RegionOverview = z.infer<typeof regionOverviewSchema>;

export const catchUpSchema = z.object({
  done: z.number(),
  total: z.number(),
  eventsPerSecond: z.number(),
  secondsLeft: z.number().nullable(),
});

/** Why the hub refused to sign this desktop in, as a code the status bar words. */
export const SIGN_IN_REFUSALS = [
  'bad-credentials',
  'too-many-attempts',
  'password-change-required',
  'totp-enrolment-required',
  'totp-required',
  'busy',
] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];

/** The step a person must take before the hub signs this desktop in fully. */
export const SIGN_IN_STEPS = ['password-change', 'totp-enrolment', 'totp-code'] as const;
export type SignInStep = (typeof SIGN_IN_STEPS)[number];

/** The six digits an authenticator app shows (TOTP). */
const totpCodeSchema = z.string().regex(/^\d{6}$/, 'six digits');

export const sessionStatusSchema = z.object({
  connection: z.enum(['connecting', 'online', 'offline']),
  /** When the hub link last changed state, null before the core first tried it. */
  connectionSince: z.string().nullable(),
  cursor: z.number(),
  hubHead: z.number().nullable(),
  /** Events the hub has that this screen has not applied yet. */
  lag: z.number(),
  catchUp: catchUpSchema.nullable(),
  lastError: z.string().nullable(),
  /** Why the hub will not serve this desktop until one of them is updated (another protocol); null while it does. */
  hubRefusal: wordingSchema.nullable(),
  /** Why the hub last refused to sign in (wrong password, throttled …); null once signed in. */
  signInRefusal: z.enum(SIGN_IN_REFUSALS).nullable().optional(),
  /** The step the sign-in waits for (the sign-in completion dialog shows it); null when none is pending. */
  signInStep: z.enum(SIGN_IN_STEPS).nullable().optional(),
  outboxPending: z.number(),
  operator: z
    .object({
      /** Absent only in a cache written before accounts were remembered by id. */
      accountId: z.string().optional(),
      name: z.string(),
      role: z.string(),
      jurisdiction: z.string(),
      jurisdictionName: z.string().nullable(),
      /** The person and post as screens name them (值班员 李明); absent from a hub that does not keep them. */
      person: z.string().optional(),
    })
    .nullable(),
  /** The mode in force in the operator's jurisdiction. */
  mode: z.enum(MODES),
  /** Locked after the idle timeout (never a wall's screen): actions are refused until the password is given again. */
  locked: z.boolean(),
  lockedSince: z.string().nullable(),
  idleTimeoutMinutes: z.number(),
  /** The switch that put it on a war footing (its own or a jurisdiction's above), while in wartime. */
  wartime: modeStateSchema.nullable(),
});
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const outboxEntrySchema = z.object({
  position: z.number(),
  commandId: z.string(),
  command: operatorCommandSchema,
  status: z.enum(['pending', 'accepted', 'refused']),
  code: z.string().nullable(),
  /** A developer's account of a refusal, for logs; the operator reads `words`. */
  reason: z.string().nullable(),
  /** A refusal as a message code and parameters, which the renderer words; null unless refused. */
  words: wordingSchema.nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type OutboxEntryView = z.infer<typeof outboxEntrySchema>;

export const timelineEntrySchema = z.object({
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  payload: z.unknown(),
  /**
   * Who acted, by post and name (值班员 李明) or a field system's name; null for the field (a citizen, a camera)
   * or an account the hub has not named to this screen yet.
   */
  actor: z.string().nullable(),
});

/**
 * An incident as a screen gets it: the reporter's phone masked (138****0000), seen whole by a commander only
 * through `incidents.unmaskReporter`.
 */
export const incidentOnScreenSchema = incidentSchema.safeExtend({
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }).nullable(),
});

export const incidentDetailSchema = z.object({
  incident: incidentOnScreenSchema,
  orders: z.array(orderSchema),
  notes: z.array(incidentNoteSchema),
  timeline: z.array(timelineEntrySchema),
  /** Names of the units on its orders. */
  unitNames: z.record(z.string(), z.string()),
  /** Names of the jurisdictions its record mentions (a wartime switch above it), by code. */
  placeNames: z.record(z.string(), z.string()),
  /** The deadline of the current stage under the mode and tables in force; null once closed. */
  deadline: z.string().nullable(),
  mode: z.enum(MODES),
  /** The SLA tables in force where it is: with the mode and the clock, they decide which actions are open. */
  sla: slaConfigSchema,
  /** Names of the centres its escalations went to and of those that issued its notices, by code. */
  centreNames: z.record(z.string(), z.string()),
  /** The number of the latest supervision notice issued on it, as the hub gave it; null if none was. */
  notice: noticeNumberSchema.nullable(),
  /** The grid workers of its grid (of its village's grids, when filed at village level) by name: who may resolve it. */
  gridWorkers: z.array(z.string()),
});
export type IncidentDetail = z.infer<typeof incidentDetailSchema>;

const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const bboxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const locatedKindSchema = z.enum(['incident', 'monitoring-point', 'force']);

export const locatedEntitySchema = z.object({
  kind: locatedKindSchema,
  id: z.string(),
  location: lngLat,
  doc: z.unknown(),
});

export const countsSchema = z.object({
  incidentsByStage: z.record(z.string(), z.number()),
  incidentsByRisk: z.record(z.string(), z.number()),
  monitoringByStatus: z.record(z.string(), z.number()),
  forces: z.number(),
});

export const mapFeatureColumnsSchema = z.object({
  ids: z.array(z.string()),
  coordinates: z.array(z.number()),
  properties: z.record(z.string(), z.array(z.union([z.string(), z.number(), z.null()]))),
  missing: z.array(z.string()),
  /** Asked for a page: the cursor the next page starts after, null after the last. */
  next: z.number().int().nullable().optional(),
});
export type MapFeatureColumnsView = z.infer<typeof mapFeatureColumnsSchema>;

/** The page the wall reads its incidents in: a fraction of a second to read and send at any size of the cache. */
export const MAP_FEATURE_PAGE_SIZE = 20_000;

export const incidentCellsSchema = z.object({
  /** Every open incident of the scope that has a place on the map, wherever the view is. */
  total: z.number().int().nonnegative(),
  cells: z.array(
    z.object({
      lng: z.number(),
      lat: z.number(),
      count: z.number().int().positive(),
      high: z.number().int().nonnegative(),
      medium: z.number().int().nonnegative(),
      low: z.number().int().nonnegative(),
    }),
  ),
});
export type IncidentCellsView = z.infer<typeof incidentCellsSchema>;

const boundaryFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    level: z.enum(JURISDICTION_LEVELS),
    parentCode: z.string().nullable(),
  }),
  geometry: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) }),
});
export const boundaryCollectionSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(boundaryFeatureSchema),
});

// ---- the contract ---------------------------------------------------------------------------------

export const desktopApiContract = {
  'session.status': { input: z.object({}).strict(), output: sessionStatusSchema },
  'region.overview': { input: z.object({}).strict(), output: regionOverviewSchema },
  'counts.get': { input: z.object({}).strict(), output: countsSchema },
  'incidents.list': {
    input: z
      .object({
        stages: z.array(z.enum(STAGES)).optional(),
        riskLevels: z.array(z.enum(RISK_LEVELS)).optional(),
        limit: z.number().int().positive().max(100_000).default(500),
      })
      .strict(),
    output: z.object({ total: z.number(), items: z.array(incidentOnScreenSchema) }),
  },
  'incident.get': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: incidentDetailSchema.nullable(),
  },
  /**
   * The reporter's phone of one incident whole, to a role allowed to unmask personal data (a commander); each
   * call is put in the outbox as a `recordUnmask` command, so the hub's audit trail holds it.
   */
  'incidents.unmaskReporter': {
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ id: z.string(), phone: z.string().nullable() }),
  },
  'entities.inView': {
    input: z
      .object({
        kind: locatedKindSchema,
        bbox: bboxSchema,
        limit: z.number().int().positive().max(200_000).default(50_000),
      })
      .strict(),
    output: z.object({ items: z.array(locatedEntitySchema), truncated: z.boolean() }),
  },
  'entities.nearest': {
    input: z
      .object({
        kind: z.enum(['monitoring-point', 'force']),
        location: lngLat,
        limit: z.number().int().positive().max(100).default(5),
      })
      .strict(),
    output: z.object({ items: z.array(locatedEntitySchema.extend({ distanceMeters: z.number() })) }),
  },
  'map.features': {
    input: z
      .object({
        kind: locatedKindSchema,
        /** Only these (after a change); all in scope when absent. */
        ids: z.array(z.string()).max(20_000).optional(),
        scope: jurisdictionCodeSchema.optional(),
        /** One page of all in scope, of at most `limit`, starting after the cursor a previous page gave. */
        page: z
          .object({
            after: z.number().int().nonnegative().default(0),
            limit: z.number().int().positive().max(100_000),
          })
          .strict()
          .optional(),
      })
      .strict()
      .refine((input) => !(input.ids && input.page), { message: 'ids and page exclude each other' }),
    output: mapFeatureColumnsSchema,
  },
  /**
   * The open incidents of a scope as clusters for the view at `zoom` over `bbox`, read from counts kept per map
   * cell: what the wall draws before (and without) every incident, exact at any size of the cache.
   */
  'map.incidentCells': {
    input: z
      .object({
        zoom: z.number().min(0).max(24),
        bbox: bboxSchema,
        scope: jurisdictionCodeSchema.optional(),
      })
      .strict(),
    output: incidentCellsSchema,
  },
  'region.boundaries': {
    input: z
      .object({ level: z.enum(JURISDICTION_LEVELS), scope: jurisdictionCodeSchema.optional() })
      .strict(),
    output: boundaryCollectionSchema,
  },
  'commands.submit': {
    input: z.object({ command: operatorCommandSchema }).strict(),
    output: outboxEntrySchema,
  },
  'figures.get': {
    input: z.object({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: figuresSchema,
  },
  'queue.window': { input: queueWindowInputSchema, output: queueWindowSchema },
  'queue.export': {
    input: z
      .object({
        filter: queueFilterSchema.default({}),
        sort: z.enum(QUEUE_SORTS).default('deadline'),
        format: z.enum(EXPORT_FORMATS),
      })
      .strict(),
    output: queueExportSchema,
  },
  /** This screen now shows `id` (or nothing): the hub tells the other screens, and answers who else has it open. */
  'incident.open': {
    input: z.object({ id: z.string().min(1).nullable() }).strict(),
    output: z.object({ viewers: z.array(viewerSchema) }),
  },
  /** Member units that can take an order for an incident in `jurisdictionCode`: its own and those above. */
  'units.forIncident': {
    input: z.object({ jurisdictionCode: jurisdictionCodeSchema }).strict(),
    output: z.array(memberUnitSchema),
  },
  /** Member units in the operator's scope and above it: the choices of the queue's unit filter. */
  'units.list': { input: z.object({}).strict(), output: z.array(memberUnitSchema) },
  'sla.get': {
    input: z.object({}).strict(),
    output: z.object({
      config: slaConfigSchema,
      configuredAt: jurisdictionCodeSchema.nullable(),
      /** The name of the jurisdiction that set the tables, for the screen. */
      configuredAtName: z.string().nullable(),
    }),
  },
  'subsidyRates.get': { input: z.object({}).strict(), output: subsidyRatesViewSchema },
  /** The subsidy by case (以案定补) of a China month, per grid worker, with totals per village and township. */
  'subsidies.get': { input: subsidiesInputSchema, output: subsidiesViewSchema },
  /** The same as a spreadsheet: CSV with a byte-order mark and Chinese headers. */
  'subsidies.export': { input: subsidiesInputSchema, output: subsidyExportSchema },
  'warRoom.get': {
    input: z.object({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: warRoomSchema,
  },
  /**
   * The briefing of the period (a day unless said otherwise, China time) holding `day`, for the operator's
   * jurisdiction or a part of it.
   */
  'briefing.get': {
    input: briefingWindowSchema.extend({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: z.object({
      briefing: briefingSchema,
      /** Names of the scope and of the villages the briefing mentions, by code. */
      names: z.record(z.string(), z.string()),
    }),
  },
  /**
   * The bulletin (通报) of a period: as saved, if it was, and as drafted from the period's briefing now, so the
   * operator can start again from the current figures.
   */
  'bulletin.get': {
    input: briefingWindowSchema.extend({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: z.object({
      id: z.string(),
      /** The jurisdiction the bulletin speaks for: the one asked for, within the operator's own. */
      scope: jurisdictionCodeSchema,
      saved: savedBulletinSchema.nullable(),
      draft: z.object({ title: z.string(), body: z.string() }),
      /** Names of the operators who saved it, by account id. */
      names: z.record(z.string(), z.string()),
    }),
  },
  /** 督办通知书 for an incident that is overdue or escalated, drafted from the cache as it stands. */
  'documents.supervisionNotice': {
    input: z.object({ incidentId: z.string().min(1) }).strict(),
    output: z.object({ document: officialDocumentSchema }),
  },
  /** 突出矛盾风险清单 of the operator's jurisdiction or a part of it, with the names of places and units. */
  'documents.riskList': {
    input: z.object({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: z.object({
      scope: jurisdictionCodeSchema,
      rows: z.array(outstandingRiskSchema),
      /** Dangerous objects in scope overdue for inspection (危险物超期未检). */
      dangerousObjects: z.array(outstandingDangerousObjectSchema),
      names: z.record(z.string(), z.string()),
    }),
  },
  /** 风险提示函 to a member unit about the risks it handles, or to a township about those on its ground. */
  'documents.riskWarning': {
    input: z
      .object({
        to: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('unit'), unitId: z.string().min(1) }),
          z.object({ kind: z.literal('township'), code: jurisdictionCodeSchema }),
        ]),
      })
      .strict(),
    output: z.object({ document: officialDocumentSchema }),
  },
  /** The outstanding-risk list as CSV (UTF-8 with BOM). */
  'documents.exportRiskList': {
    input: z.object({ scope: jurisdictionCodeSchema.optional() }).strict(),
    output: queueExportSchema,
  },
  /**
   * 重点人员清单 of the operator's jurisdiction or a part of it, masked or whole. Refused to a role that may not see
   * key persons, whatever its cache holds.
   */
  'documents.keyPersons': { input: keyPersonListInputSchema, output: keyPersonListViewSchema },
  /**
   * The key-person list whole, as CSV (UTF-8 with BOM) or as rows to print to PDF; each export is put in the
   * outbox as a `recordExport` command, so the hub's audit log holds it even if it was made offline.
   */
  'documents.exportKeyPersons': { input: keyPersonExportInputSchema, output: keyPersonExportSchema },
  /**
   * One key person's ID number and phone whole, to a role allowed to unmask personal data (a commander); each
   * call is put in the outbox as a `recordUnmask` command, so the hub's audit trail holds it.
   */
  'keyPersons.unmask': { input: keyPersonUnmaskInputSchema, output: keyPersonUnmaskedSchema },
  /**
   * The registers of dangerous objects and sensitive places (危险物, 敏感地) of the operator's jurisdiction or a
   * part of it, for every role: the panel that lists them and the map layers that draw them.
   */
  'targets.register': { input: targetRegisterInputSchema, output: targetRegisterViewSchema },
  /** A shift's review (交接班) for the operator's jurisdiction or a part of it, with its handovers. */
  'handover.review': {
    input: z.object({ shift: shiftSchema, scope: jurisdictionCodeSchema.optional() }).strict(),
    output: z.object({
      review: handoverReviewSchema,
      /** Handovers in scope of shifts that overlap this one, the latest first. */
      handovers: z.array(handoverSchema),
      /** Names by code or id: the scope and villages, the units, and the operators who signed. */
      names: z.record(z.string(), z.string()),
    }),
  },
  /** The map as it stood at `at` during a shift, replayed from the cache. */
  'replay.frame': {
    input: z
      .object({ shift: shiftSchema, at: isoDateTimeSchema, scope: jurisdictionCodeSchema.optional() })
      .strict(),
    output: replayFrameSchema,
  },
  /** The operator touched the screen (pointer, keys, wheel): the idle timeout starts again, unless already locked. */
  'session.activity': {
    input: z.object({}).strict(),
    output: z.object({ locked: z.boolean() }),
  },
  /** The password given again to unlock the screen; the hub checks it as it checks any sign-in. */
  'session.unlock': {
    input: z
      .object({
        password: z.string().min(1).max(256),
        /** An administrator's authenticator code, which the hub asks for with the password. */
        totpCode: totpCodeSchema.optional(),
      })
      .strict(),
    output: z.object({ unlocked: z.literal(true) }),
  },
  // Finishing the sign-in: the steps the hub asks a person to take before it serves this desktop.
  /**
   * A new password for a generated or expired one (the old one is the password the desktop signed in with,
   * unless given); the policy's problems come back worded, and nothing is changed.
   */
  'session.changePassword': {
    input: z
      .object({ oldPassword: z.string().min(1).max(200).optional(), newPassword: z.string().min(1).max(200) })
      .strict(),
    output: z.object({ changed: z.boolean(), problems: z.array(wordingSchema) }),
  },
  /** Starts enrolling an authenticator app: the secret to show once, as the URI (a QR code) and typed. */
  'session.enrolTotp': {
    input: z.object({}).strict(),
    output: z.object({ uri: z.string(), secret: z.string(), issuer: z.string(), label: z.string() }),
  },
  /** The app's first code, confirming the enrolment; the desktop is then signed in. */
  'session.confirmTotp': {
    input: z.object({ code: totpCodeSchema }).strict(),
    output: z.object({ signedIn: z.literal(true) }),
  },
  /** An enrolled administrator's current code, finishing the sign-in. */
  'session.submitTotp': {
    input: z.object({ code: totpCodeSchema }).strict(),
    output: z.object({ signedIn: z.literal(true) }),
  },
  /** A page of the hub's audit trail, for the audit administrator only. */
  'audit.search': { input: auditSearchInputSchema, output: auditPageViewSchema },
  /** The audit trail under the same filters as CSV, as the hub exports (and records) it. */
  'audit.export': { input: auditFilterSchema, output: queueExportSchema.omit({ count: true }) },
  // ---- account administration (三员分立): the hub's account routes and security policy ----
  /** The accounts of the administrator's jurisdiction, for the system and the security administrator. */
  'accounts.list': { input: z.object({}).strict(), output: accountListViewSchema },
  /** A new account (not an administrator's) with its one-time password, for the system administrator. */
  'accounts.create': { input: newAccountInputSchema, output: oneTimePasswordViewSchema },
  'accounts.disable': { input: accountTargetSchema, output: accountViewSchema },
  /** A new one-time password; the account must change it at its next sign-in. */
  'accounts.resetPassword': { input: accountTargetSchema, output: oneTimePasswordViewSchema },
  /** For the security administrator: an account's role, its unlock and the security policy. */
  'accounts.setRole': { input: roleChangeInputSchema, output: accountViewSchema },
  'accounts.unlock': { input: accountTargetSchema, output: accountViewSchema },
  'securityPolicy.get': { input: z.object({}).strict(), output: securityPolicyViewSchema },
  'securityPolicy.set': { input: securityPolicyViewSchema, output: securityPolicyViewSchema },
  // ---- end of account administration ----
  // ---- live video (视频联动) ----
  /** How a camera's video is connected, for its card; null for a camera without video. */
  'video.source': {
    input: z.object({ cameraId: z.string().min(1) }).strict(),
    output: z.object({ video: videoSourceViewSchema }),
  },
  /** The nearest online cameras with video around a place (周边视频), nearest first. */
  'video.nearby': { input: nearbyVideoInputSchema, output: nearbyVideoSchema },
  /** A play session on a camera: the hub checks scope and caps, and audits it. */
  'video.open': {
    input: z.object({ cameraId: z.string().min(1).max(200) }).strict(),
    output: videoSessionViewSchema,
  },
  /** Keeps a session open while its player shows; fresh play URLs for a reconnect. */
  'video.keepAlive': {
    input: z.object({ sessionId: z.string().min(1) }).strict(),
    output: videoSessionViewSchema,
  },
  /** Ends a session: the stream is released once nobody watches it. */
  'video.close': { input: z.object({ sessionId: z.string().min(1) }).strict(), output: z.object({}) },
  'outbox.list': {
    input: z.object({ limit: z.number().int().positive().max(500).default(50) }).strict(),
    output: z.array(outboxEntrySchema),
  },
} as const;

/** What the core pushes to the renderer without being asked. */
export const desktopEventContract = {
  status: sessionStatusSchema,
  /** What the cache applied; `ids` by kind, or null when everything may have changed (a snapshot). */
  changed: z.object({
    cursor: z.number(),
    kinds: z.array(z.enum(ENTITY_KINDS)),
    ids: z.partialRecord(z.enum(ENTITY_KINDS), z.array(z.string())).nullable(),
  }),
  'command-settled': outboxEntrySchema,
  /** An incident became high-risk or went overdue in handling. */
  alert: incidentAlertSchema,
  /** Who has the incident this screen shows open, whenever that changes. */
  presence: z.object({ incidentId: z.string(), viewers: z.array(viewerSchema) }),
} as const;

export type DesktopApiContract = typeof desktopApiContract;
export type DesktopApiMethod = keyof DesktopApiContract;
export type DesktopApiInput<M extends DesktopApiMethod> = z.input<DesktopApiContract[M]['input']>;
export type DesktopApiOutput<M extends DesktopApiMethod> = z.output<DesktopApiContract[M]['output']>;
export type DesktopEventName = keyof typeof desktopEventContract;
export type DesktopEventPayload<E extends DesktopEventName> = z.output<(typeof desktopEventContract)[E]>;

/**
 * What a transport delivers: a value, or an error as a message code and parameters the renderer words (with a
 * developer's `message` for logs). Never a thrown exception.
 */
export type DesktopApiResult<T> = { ok: true; value: T } | { ok: false; error: Wording };

export interface DesktopApi {
  call<M extends DesktopApiMethod>(
    method: M,
    input: DesktopApiInput<M>,
  ): Promise<DesktopApiResult<DesktopApiOutput<M>>>;
  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void): () => void;
}

export function isDesktopApiMethod(name: string): name is DesktopApiMethod {
  return Object.hasOwn(desktopApiContract, name);
}

export function isDesktopEventName(name: string): name is DesktopEventName {
  return Object.hasOwn(desktopEventContract, name);
}
