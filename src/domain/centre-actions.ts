import { periodOf, type BriefingPeriod } from './briefing/period';
import { bulletinId, type SavedBulletin } from './bulletin';
import { chinaDayStart, type ChinaDay } from './china-day';
import type { HubEventDraft } from './event';
import type { Handover, Shift } from './handover';
import type { Incident } from './incident';
import type { Mode, ModeState } from './mode';
import type { IncidentNote } from './note';
import { can, inScope, type Operator, type Permission } from './operator';
import { refuse, type Refusal } from './refusal';
import { wording } from './wording';
import type { SlaConfig } from './sla';
import type { SubsidyRates } from './subsidy/rates';
import { toMillis, type IsoDateTime } from './time';

/**
 * The centre's actions that do not move an incident along its lifecycle: notes, shift handover, the
 * peacetime/wartime switch and the SLA tables. Each is checked for permission and scope like lifecycle actions.
 */
export interface CentreContext {
  actor: Operator;
  at: IsoDateTime;
}

export type CentreResult<T> = { ok: true; value: T; events: HubEventDraft[] } | Refusal;

/** Whether the actor's role may do this, and in this jurisdiction; null when it may. */
export function authorityFailure(
  permission: Permission,
  jurisdictionCode: string,
  actor: Operator,
): Refusal | null {
  if (!can(actor.role, permission))
    return refuse(
      'role-not-permitted',
      `role ${actor.role} may not ${permission}`,
      wording('roleLacksPermission', { role: actor.role, permission }),
    );
  if (!inScope(actor.jurisdictionCode, jurisdictionCode)) {
    return refuse(
      'out-of-scope',
      `${jurisdictionCode} is outside the scope of ${actor.id} (${actor.jurisdictionCode})`,
      wording('outOfScope'),
    );
  }
  return null;
}

/** Notes are allowed in every stage, closed included: a remark on an archived case is still record. */
export function addNote(
  incident: Incident,
  request: { noteId: string; text: string },
  { actor, at }: CentreContext,
): CentreResult<IncidentNote> {
  const failure = authorityFailure('add-notes', incident.jurisdictionCode, actor);
  if (failure) return failure;
  const note: IncidentNote = {
    id: request.noteId,
    incidentId: incident.id,
    text: request.text,
    by: actor.id,
    at,
  };
  return {
    ok: true,
    value: note,
    events: [{ type: 'note.added', jurisdiction: incident.jurisdictionCode, at, payload: { note } }],
  };
}

/** The outgoing operator hands the shift in with their notes; nobody has taken it over yet. */
export function submitHandover(
  request: { handoverId: string; jurisdictionCode: string; shift: Shift; notes: string },
  { actor, at }: CentreContext,
): CentreResult<Handover> {
  const failure = authorityFailure('sign-handover', request.jurisdictionCode, actor);
  if (failure) return failure;
  if (toMillis(request.shift.start) > toMillis(at)) {
    return refuse(
      'precondition-failed',
      'a shift that has not started yet cannot be handed over',
      wording('shiftNotStarted'),
    );
  }
  const handover: Handover = {
    id: request.handoverId,
    jurisdictionCode: request.jurisdictionCode,
    shift: request.shift,
    notes: request.notes,
    submittedBy: actor.id,
    submittedAt: at,
    acceptance: null,
  };
  return {
    ok: true,
    value: handover,
    events: [
      { type: 'handover.submitted', jurisdiction: request.jurisdictionCode, at, payload: { handover } },
    ],
  };
}

/** The incoming operator signs the shift off: once, and never their own. */
export function acceptHandover(
  handover: Handover,
  request: { note: string },
  { actor, at }: CentreContext,
): CentreResult<Handover> {
  const failure = authorityFailure('sign-handover', handover.jurisdictionCode, actor);
  if (failure) return failure;
  if (handover.acceptance) {
    return refuse(
      'precondition-failed',
      `handover ${handover.id} was already signed off by ${handover.acceptance.by} at ${handover.acceptance.at}`,
      wording('handoverAlreadySigned', { at: handover.acceptance.at }),
    );
  }
  if (handover.submittedBy === actor.id) {
    return refuse('precondition-failed', `${actor.id} cannot take over their own shift`, wording('ownShift'));
  }
  const accepted: Handover = { ...handover, acceptance: { by: actor.id, at, note: request.note } };
  return {
    ok: true,
    value: accepted,
    events: [
      {
        type: 'handover.accepted',
        jurisdiction: handover.jurisdictionCode,
        at,
        payload: { handover: accepted },
      },
    ],
  };
}

/**
 * `current` is the jurisdiction's own last switch, or null if it never switched (so peacetime).
 * Switching to the mode already in force is refused rather than recorded, so the log of switches
 * reads as a true history of mobilisations.
 */
export function switchMode(
  current: ModeState | null,
  request: { jurisdictionCode: string; mode: Mode; reason: string },
  { actor, at }: CentreContext,
): CentreResult<ModeState> {
  const failure = authorityFailure('switch-mode', request.jurisdictionCode, actor);
  if (failure) return failure;
  const previous = current?.mode ?? 'peacetime';
  if (previous === request.mode) {
    return refuse(
      'precondition-failed',
      `${request.jurisdictionCode} is already in ${request.mode}`,
      wording('alreadyInMode', { mode: request.mode }),
    );
  }
  const state: ModeState = {
    jurisdictionCode: request.jurisdictionCode,
    mode: request.mode,
    since: at,
    reason: request.reason,
    switchedBy: actor.id,
  };
  return {
    ok: true,
    value: state,
    events: [
      { type: 'mode.switched', jurisdiction: request.jurisdictionCode, at, payload: { state, previous } },
    ],
  };
}

/** An admin sets the deadlines of a jurisdiction and everything below it; the hub keeps every version in its log. */
export function configureSla(
  request: { jurisdictionCode: string; config: SlaConfig },
  { actor, at }: CentreContext,
): CentreResult<SlaConfig> {
  const failure = authorityFailure('configure-sla', request.jurisdictionCode, actor);
  if (failure) return failure;
  return {
    ok: true,
    value: request.config,
    events: [
      {
        type: 'sla.configured',
        jurisdiction: request.jurisdictionCode,
        at,
        payload: { jurisdictionCode: request.jurisdictionCode, config: request.config, by: actor.id },
      },
    ],
  };
}

/**
 * An admin sets what each resolved dispute earns (以案定补) in a jurisdiction and below it. A change applies to
 * disputes resolved from then on: each keeps the rate in force when it was resolved.
 */
export function configureSubsidyRates(
  request: { jurisdictionCode: string; rates: SubsidyRates },
  { actor, at }: CentreContext,
): CentreResult<SubsidyRates> {
  const failure = authorityFailure('configure-subsidies', request.jurisdictionCode, actor);
  if (failure) return failure;
  return {
    ok: true,
    value: request.rates,
    events: [
      {
        type: 'subsidy.configured',
        jurisdiction: request.jurisdictionCode,
        at,
        payload: { jurisdictionCode: request.jurisdictionCode, rates: request.rates, by: actor.id },
      },
    ],
  };
}

/**
 * A commander issues the bulletin of a period, as drafted from its briefing and edited; saving it again
 * replaces the text. A period still in its first hours may be reported on, but not one yet to come.
 */
export function saveBulletin(
  request: { jurisdictionCode: string; period: BriefingPeriod; day: ChinaDay; title: string; body: string },
  { actor, at }: CentreContext,
): CentreResult<SavedBulletin> {
  const failure = authorityFailure('publish-bulletin', request.jurisdictionCode, actor);
  if (failure) return failure;
  const { from } = periodOf(request.period, request.day);
  if (chinaDayStart(from) > toMillis(at)) {
    return refuse(
      'precondition-failed',
      `the ${request.period} from ${from} has not begun`,
      wording('periodNotBegun', { period: request.period, from }),
    );
  }
  const bulletin: SavedBulletin = {
    id: bulletinId(request.jurisdictionCode, request.period, request.day),
    jurisdictionCode: request.jurisdictionCode,
    period: request.period,
    from,
    title: request.title,
    body: request.body,
    savedBy: actor.id,
    savedAt: at,
  };
  return {
    ok: true,
    value: bulletin,
    events: [{ type: 'bulletin.saved', jurisdiction: request.jurisdictionCode, at, payload: { bulletin } }],
  };
}
