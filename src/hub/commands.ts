import type { AuditedAction } from '../domain/audit-actions';
import {
  addNote,
  applyCommand,
  isLifecycleCommand,
  modeInForce,
  noticeSeries,
  noticeYear,
  numberNotice,
  operatorCommandSchema,
  submitHandover,
  saveBulletin,
  acceptHandover,
  configureSla,
  configureSubsidyRates,
  recordExport,
  recordUnmask,
  registerKeyPerson,
  removeKeyPerson,
  registerTarget,
  removeTarget,
  slaInForce,
  switchMode,
  type Handover,
  type HubEventDraft,
  type Incident,
  type KeyPerson,
  type Mode,
  type ModeState,
  type Operator,
  type PersonalDataUnmask,
  type CentreContext,
  can,
  type OperatorCommand,
  type Role,
  type SlaConfig,
  type Target,
  type Wording,
  wording,
  wordingSchema,
} from '../domain';
import { CODE_LENGTH } from '../domain/jurisdiction';
import { personName } from './accounts';
import type { OperatorClaims } from './auth/tokens';
import { recordEvents } from './projector';
import type { HubStore, HubTransaction } from './store';

export type CommandRefusalCode =
  | 'invalid-command'
  | 'not-found'
  | 'illegal-in-stage'
  | 'role-not-permitted'
  | 'out-of-scope'
  | 'precondition-failed'
  | 'stale-version'
  | 'command-id-taken';

export type CommandOutcome =
  | { ok: true; commandId: string; seqs: number[] }
  | { ok: false; commandId: string | null; code: CommandRefusalCode; words: Wording; reason: string };

/** The region's outlines, for commands that place something on the ground. */
export interface PlaceCheck {
  contains(code: string, point: readonly [number, number]): boolean;
}

/** A retried command gets the outcome of its first try, marked so the client knows it was a retry. */
export type CommandReply = CommandOutcome & { replayed?: true };

function operatorOf(claims: OperatorClaims): Operator {
  return {
    id: claims.accountId,
    name: claims.name,
    role: claims.role as Role,
    jurisdictionCode: claims.jurisdiction,
  };
}

/** The codes above `code` and `code` itself: a mode switched at any of them applies here. */
function selfAndAncestors(code: string): string[] {
  return Object.values(CODE_LENGTH)
    .filter((length) => length <= code.length)
    .map((length) => code.slice(0, length));
}

/** Peacetime or wartime, as in force where the incident is. */
export async function modeAt(tx: HubTransaction, jurisdictionCode: string): Promise<Mode> {
  const modes = await tx.getEntities('mode', selfAndAncestors(jurisdictionCode));
  return modeInForce(
    modes.map((m) => m.doc as ModeState),
    jurisdictionCode,
  );
}

/** The SLA tables in force where the incident is: the nearest jurisdiction above it that set its own. */
export async function slaAt(tx: HubTransaction, jurisdictionCode: string): Promise<SlaConfig> {
  const configured = await tx.getEntities('sla', selfAndAncestors(jurisdictionCode));
  return slaInForce(
    configured.map((entity) => ({ jurisdictionCode: entity.id, config: entity.doc as SlaConfig })),
    jurisdictionCode,
  );
}

/**
 * What the audit log files a command under: its incident, its jurisdiction, the handover it signs off, the
 * person it lists or takes off the list, or the jurisdiction whose document was exported.
 */
function commandTarget(command: OperatorCommand): string {
  switch (command.type) {
    case 'switchMode':
    case 'submitHandover':
    case 'saveBulletin':
    case 'configureSla':
    case 'configureSubsidyRates':
      return command.jurisdictionCode;
    case 'acceptHandover':
      return command.handoverId;
    case 'registerKeyPerson':
      return command.person.id;
    case 'removeKeyPerson':
      return command.keyPersonId;
    case 'registerTarget':
      return command.target.id;
    case 'removeTarget':
      return command.targetId;
    case 'recordExport':
      return command.scope;
    case 'recordUnmask':
      return command.recordId;
    default:
      return command.incidentId;
  }
}

/** Who the audit log names: the account's sign-in name, or `key:<source>` for a field system's key. */
export function auditActor(claims: OperatorClaims): string {
  return claims.accountId.startsWith('key:') ? claims.accountId : claims.name;
}

/** The kind and id of the entity a command acts on, when it acts on one that exists already. */
function commandEntity(command: OperatorCommand): { kind: string; id: string } | null {
  switch (command.type) {
    case 'switchMode':
    case 'submitHandover':
    case 'saveBulletin':
    case 'configureSla':
    case 'configureSubsidyRates':
    case 'recordExport':
    case 'registerKeyPerson':
    case 'registerTarget':
      return null;
    case 'acceptHandover':
      return { kind: 'handover', id: command.handoverId };
    case 'removeKeyPerson':
      return { kind: 'key-person', id: command.keyPersonId };
    case 'removeTarget':
      return { kind: command.targetKind, id: command.targetId };
    case 'recordUnmask':
      return { kind: command.record, id: command.recordId };
    default:
      return { kind: 'incident', id: command.incidentId };
  }
}

/**
 * The jurisdiction the audit administrator finds a command under: the one it names, or that of what it acts
 * on; the actor's own when it names nothing that exists (a refused command about an unknown incident).
 */
async function commandScope(
  tx: HubTransaction,
  claims: OperatorClaims,
  command: OperatorCommand | null,
): Promise<string> {
  if (!command) return claims.jurisdiction;
  switch (command.type) {
    case 'switchMode':
    case 'submitHandover':
    case 'saveBulletin':
    case 'configureSla':
    case 'configureSubsidyRates':
      return command.jurisdictionCode;
    case 'recordExport':
      return command.scope;
    case 'registerKeyPerson':
      return command.person.jurisdictionCode;
    case 'registerTarget':
      return command.target.jurisdictionCode;
  }
  const entity = commandEntity(command);
  const found = entity && (await tx.getEntity(entity.kind, entity.id));
  return found?.jurisdiction ?? claims.jurisdiction;
}

/** The type a command that did not parse claimed to be, for the record (bounded: it is unchecked input). */
function claimedType(raw: unknown): string | null {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(0, 100) : null;
}

/** Whether the claims are a field system's key (`key:<source>`) rather than an operator's account. */
function isKeyOfSource(claims: OperatorClaims): boolean {
  return claims.accountId.startsWith('key:');
}

/**
 * An operator acknowledging a unit's order acts on the unit's behalf, and the record says so, in the event
 * and in the audit: only a unit's own key (checked at ingest) acknowledges as the unit itself.
 */
function markOnBehalfOf(claims: OperatorClaims, command: OperatorCommand, decision: Decision): Decision {
  if (!decision.ok || command.type !== 'acknowledge' || isKeyOfSource(claims)) return decision;
  const onBehalfOf = command.unitId;
  const events = decision.events.map((event): HubEventDraft => {
    if (event.type !== 'order.acknowledged') return event;
    const { payload } = event;
    return { ...event, payload: { ...payload, acknowledgement: { ...payload.acknowledgement, onBehalfOf } } };
  });
  return { ...decision, events, audit: { ...decision.audit, onBehalfOf } };
}

type Decision =
  | {
      ok: true;
      events: HubEventDraft[];
      /** What the audit log keeps of an accepted command besides its events: all there is of an export. */
      audit?: Record<string, unknown>;
      /** The audit line's action and scope, when the trail files it other than as `command.<type>`. */
      auditAs?: { action: AuditedAction; scope: string };
    }
  | { ok: false; code: CommandRefusalCode; words: Wording; reason: string };

function notFound(
  code: 'incidentNotFound' | 'handoverNotFound' | 'keyPersonNotFound' | 'targetNotFound',
  reason: string,
): Decision {
  return { ok: false, code: 'not-found', words: wording(code), reason };
}

/**
 * A commander saw a record's personal data whole: the audit trail files it as `personal-data.unmasked` under
 * the record's jurisdiction. Refused, before anything is read, to a role that may not unmask at all.
 */
async function decideUnmask(
  tx: HubTransaction,
  command: PersonalDataUnmask,
  ctx: CentreContext,
): Promise<Decision> {
  if (!can(ctx.actor.role, 'unmask-personal-data'))
    return {
      ok: false,
      code: 'role-not-permitted',
      words: wording('roleLacksPermission', { role: ctx.actor.role, permission: 'unmask-personal-data' }),
      reason: `role ${ctx.actor.role} may not unmask-personal-data`,
    };
  const record = (await tx.getEntity(command.record, command.recordId))?.doc as
    { jurisdictionCode: string } | undefined;
  if (!record)
    return command.record === 'incident'
      ? notFound('incidentNotFound', `there is no incident ${command.recordId}`)
      : notFound('keyPersonNotFound', `there is no key person ${command.recordId}`);
  const recorded = recordUnmask(command, record.jurisdictionCode, ctx);
  if (!recorded.ok) return recorded;
  const { record: kind, fields, unmaskedAt, scope } = recorded.value;
  return {
    ok: true,
    events: [],
    audit: { record: kind, fields, unmaskedAt },
    auditAs: { action: 'personal-data.unmasked', scope },
  };
}

/** The first problem the domain worded (a mistyped ID number), or that the command was malformed. */
function wordingOfIssues(issues: readonly object[]): Wording {
  const worded = issues
    .map((issue) => wordingSchema.safeParse((issue as { params?: { words?: unknown } }).params?.words))
    .find((parsed) => parsed.success);
  return worded?.data ?? wording('invalidCommand');
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .map((issue) => `${issue.path.map(String).join('.') || 'command'}: ${issue.message}`)
    .join('; ');
}

/** A command that does not parse: refused before anything is read, under its id if it carries one. */
function invalidCommand(
  raw: unknown,
  error: { issues: { path: PropertyKey[]; message: string }[] },
): CommandOutcome {
  const commandId =
    typeof raw === 'object' && raw !== null && typeof (raw as { commandId?: unknown }).commandId === 'string'
      ? (raw as { commandId: string }).commandId
      : null;
  return {
    ok: false,
    commandId,
    code: 'invalid-command',
    words: wordingOfIssues(error.issues),
    reason: describeIssues(error),
  };
}

/** What a batch of commands came to: every outcome, or the one that stopped it (refused or replayed). */
export type BatchReply =
  { ok: true; outcomes: CommandOutcome[] } | { ok: false; index: number; reply: CommandReply };

/** Rolls a batch's transaction back at the command that stopped it. */
class BatchStopped extends Error {
  constructor(
    readonly index: number,
    readonly reply: CommandReply,
    readonly command: OperatorCommand | null,
  ) {
    super(`command ${index} of the batch stopped it`);
  }
}

/**
 * Applies operator commands at most once. The command's outcome — accepted with the seqs of its events, or
 * refused with a reason — is stored with its id in the same transaction as its events, so a retry after a
 * lost reply gets the first outcome and changes nothing.
 */
export class CommandHandler {
  constructor(
    private readonly store: HubStore,
    private readonly onCommitted: (outcome: CommandOutcome, command: OperatorCommand | null) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The outlines a dangerous object or a sensitive place must lie in: the village it is filed under. */
  private places: PlaceCheck | null = null;

  checkPlacesAgainst(places: PlaceCheck): void {
    this.places = places;
  }

  async handle(claims: OperatorClaims, raw: unknown): Promise<CommandReply> {
    const at = new Date(this.clock()).toISOString();
    const parsed = operatorCommandSchema.safeParse(raw);
    if (!parsed.success) {
      const outcome = invalidCommand(raw, parsed.error);
      await this.auditRefusal(claims, null, { ...outcome, claimedType: claimedType(raw) }, at);
      this.onCommitted(outcome, null);
      return outcome;
    }
    const command = parsed.data;
    const reply = await this.store.transaction(async (tx) => {
      await tx.serialise();
      return this.applyOnce(tx, claims, command, at);
    });
    if (!reply.replayed) this.onCommitted(reply, command);
    return reply;
  }

  /**
   * Commands another system sends in one batch (a member unit's acknowledgements), each drafted against the
   * state the ones before it left: applied in one transaction, by the same rules and at most once like any
   * command — or, if one is refused or was applied before, none of them, and the refusal is audited.
   */
  async handleBatch(
    claims: OperatorClaims,
    drafts: readonly ((tx: HubTransaction) => Promise<unknown>)[],
  ): Promise<BatchReply> {
    const at = new Date(this.clock()).toISOString();
    let applied: { outcome: CommandOutcome; command: OperatorCommand }[];
    try {
      applied = await this.store.transaction(async (tx) => {
        await tx.serialise();
        const accepted: { outcome: CommandOutcome; command: OperatorCommand }[] = [];
        for (const [index, draft] of drafts.entries()) {
          const raw = await draft(tx);
          const parsed = operatorCommandSchema.safeParse(raw);
          if (!parsed.success) throw new BatchStopped(index, invalidCommand(raw, parsed.error), null);
          const reply = await this.applyOnce(tx, claims, parsed.data, at);
          if (!reply.ok || reply.replayed) throw new BatchStopped(index, reply, parsed.data);
          accepted.push({ outcome: reply, command: parsed.data });
        }
        return accepted;
      });
    } catch (error) {
      if (!(error instanceof BatchStopped)) throw error;
      if (!error.reply.replayed) {
        await this.auditRefusal(claims, error.command, error.reply, at);
        this.onCommitted(error.reply, error.command);
      }
      return { ok: false, index: error.index, reply: error.reply };
    }
    for (const { outcome, command } of applied) this.onCommitted(outcome, command);
    return { ok: true, outcomes: applied.map(({ outcome }) => outcome) };
  }

  /** A refusal whose transaction wrote nothing, audited on its own. */
  private auditRefusal(
    claims: OperatorClaims,
    command: OperatorCommand | null,
    outcome: CommandOutcome & { claimedType?: string | null },
    at: string,
  ): Promise<void> {
    return this.store.transaction(async (tx) =>
      tx.audit({
        at,
        actor: auditActor(claims),
        action: command ? `command.${command.type}` : 'command',
        target: command ? commandTarget(command) : null,
        outcome: 'refused',
        scope: await commandScope(tx, claims, command),
        detail: outcome,
      }),
    );
  }

  /** Decides and records a command, unless its id already has an outcome: then that outcome, replayed. */
  private async applyOnce(
    tx: HubTransaction,
    claims: OperatorClaims,
    command: OperatorCommand,
    at: string,
  ): Promise<CommandReply> {
    const previous = await tx.getCommandOutcome(command.commandId);
    if (previous) {
      if (previous.accountId !== claims.accountId) {
        const taken: CommandOutcome = {
          ok: false,
          commandId: command.commandId,
          code: 'command-id-taken',
          words: wording('commandIdTaken'),
          reason: `command id ${command.commandId} was already used by another account`,
        };
        await tx.audit({
          at,
          actor: auditActor(claims),
          action: `command.${command.type}`,
          target: commandTarget(command),
          outcome: 'refused',
          scope: await commandScope(tx, claims, command),
          detail: taken,
        });
        return taken;
      }
      return { ...(previous.outcome as CommandOutcome), replayed: true };
    }
    const decision = markOnBehalfOf(claims, command, await this.decide(tx, operatorOf(claims), command, at));
    const seqs = decision.ok ? (await recordEvents(tx, decision.events)).map((event) => event.seq) : [];
    const outcome: CommandOutcome = decision.ok
      ? { ok: true, commandId: command.commandId, seqs }
      : {
          ok: false,
          commandId: command.commandId,
          code: decision.code,
          words: decision.words,
          reason: decision.reason,
        };
    await tx.putCommandOutcome({ commandId: command.commandId, accountId: claims.accountId, outcome });
    const auditAs = decision.ok ? decision.auditAs : undefined;
    await tx.audit({
      at,
      actor: auditActor(claims),
      action: auditAs?.action ?? `command.${command.type}`,
      target: commandTarget(command),
      outcome: outcome.ok ? 'accepted' : 'refused',
      scope: await commandScope(tx, claims, command),
      detail: decision.ok ? { commandId: command.commandId, seqs, ...decision.audit } : outcome,
      ...(auditAs && { scope: auditAs.scope }),
    });
    return outcome;
  }

  private async decide(
    tx: HubTransaction,
    actor: Operator,
    command: OperatorCommand,
    at: string,
  ): Promise<Decision> {
    const ctx = { actor, at };
    if (command.type === 'switchMode') {
      const current = (await tx.getEntity('mode', command.jurisdictionCode))?.doc as ModeState | undefined;
      return switchMode(current ?? null, command, ctx);
    }
    if (command.type === 'submitHandover') {
      return submitHandover({ ...command, handoverId: command.commandId }, ctx);
    }
    if (command.type === 'saveBulletin') {
      return saveBulletin(command, ctx);
    }
    if (command.type === 'acceptHandover') {
      const handover = (await tx.getEntity('handover', command.handoverId))?.doc as Handover | undefined;
      if (!handover) return notFound('handoverNotFound', `there is no handover ${command.handoverId}`);
      return acceptHandover(handover, command, ctx);
    }
    if (command.type === 'configureSla') {
      return configureSla(command, ctx);
    }
    if (command.type === 'configureSubsidyRates') {
      return configureSubsidyRates(command, ctx);
    }
    if (command.type === 'registerKeyPerson') {
      const current = (await tx.getEntity('key-person', command.person.id))?.doc as KeyPerson | undefined;
      const linked = await tx.getEntities('incident', [...new Set(command.person.linkedIncidentIds)]);
      return registerKeyPerson(current ?? null, command.person, ctx, linked);
    }
    if (command.type === 'removeKeyPerson') {
      const current = (await tx.getEntity('key-person', command.keyPersonId))?.doc as KeyPerson | undefined;
      if (!current) return notFound('keyPersonNotFound', `there is no key person ${command.keyPersonId}`);
      return removeKeyPerson(current, command, ctx);
    }
    if (command.type === 'registerTarget') {
      const { jurisdictionCode, location } = command.target;
      if (this.places && !this.places.contains(jurisdictionCode, [location.lng, location.lat])) {
        const reason = `[${location.lng}, ${location.lat}] lies outside ${jurisdictionCode}, where ${command.target.id} is filed`;
        return {
          ok: false,
          code: 'precondition-failed',
          words: wording('targetOutsidePlace', {}, reason),
          reason,
        };
      }
      const current = (await tx.getEntity(command.target.kind, command.target.id))?.doc as Target | undefined;
      return registerTarget(current ?? null, command.target, ctx);
    }
    if (command.type === 'removeTarget') {
      const current = (await tx.getEntity(command.targetKind, command.targetId))?.doc as Target | undefined;
      if (!current)
        return notFound('targetNotFound', `there is no ${command.targetKind} ${command.targetId}`);
      return removeTarget(current, command, ctx);
    }
    if (command.type === 'recordUnmask') return decideUnmask(tx, command, ctx);
    if (command.type === 'recordExport') {
      const recorded = recordExport(command, ctx);
      return recorded.ok ? { ok: true, events: [], audit: { export: recorded.value } } : recorded;
    }

    const incident = (await tx.getEntity('incident', command.incidentId))?.doc as Incident | undefined;
    if (!incident) {
      return notFound('incidentNotFound', `there is no incident ${command.incidentId}`);
    }
    if (command.type === 'addNote') {
      return addNote(incident, { noteId: command.commandId, text: command.text }, ctx);
    }
    if (!isLifecycleCommand(command)) throw new Error(`unhandled command ${JSON.stringify(command)}`);

    const mode = await modeAt(tx, incident.jurisdictionCode);
    const sla = await slaAt(tx, incident.jurisdictionCode);
    const result = applyCommand(incident, command, { ...ctx, mode, sla });
    if (result.ok && command.type === 'issueSupervisionNotice') {
      // Numbered only once accepted, so a refused notice takes no number from the series.
      const centre = actor.jurisdictionCode;
      const year = noticeYear(at);
      const serial = await tx.nextInSeries(noticeSeries(centre, year));
      return { ...result, events: numberNotice(result.events, { centre, year, serial }) };
    }
    if (result.ok) return result;
    if (result.code === 'stale-version') {
      const change = await this.lastChange(incident);
      return { ok: false, code: result.code, words: change, reason: `${result.reason}: ${change.message}` };
    }
    return result;
  }

  /** Who moved the incident on since the operator last looked, by name and post, and when. */
  private async lastChange(incident: Incident): Promise<Wording> {
    const history = await this.store.eventsAbout(incident.id);
    const last = history.at(-1);
    const by = (last?.payload as { by?: string | null } | undefined)?.by;
    const account = by ? await this.store.accountById(by) : undefined;
    const at = incident.updatedAt;
    if (!by) return wording('changedByField', { at }, `changed by the field at ${at}`);
    const name = account ? personName(account) : by;
    return wording('changedBy', { by: name, at }, `changed by ${name} at ${at}`);
  }
}
