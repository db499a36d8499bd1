import type { LifecycleAction, LifecycleActionType } from './action';
import type { HubEventDraft } from './event';
import {
  incidentSchema,
  newIncidentSchema,
  type Closure,
  type Incident,
  type NewIncident,
  type Satisfaction,
} from './incident';
import type { Mode } from './mode';
import { inScope, rolesWith, type Operator, type Role } from './operator';
import { orderIdFor, type Order } from './order';
import { refuse, type Refusal } from './refusal';
import { wording, type Wording } from './wording';
import { deadlineFor, isOverdue, minutesAllowed, type SlaConfig } from './sla';
import { STAGE_LABELS, type Stage } from './stage';
import { addMinutes, toMillis, type IsoDateTime } from './time';

export interface Transition {
  from: Stage;
  action: LifecycleActionType;
  to: Stage;
  roles: readonly Role[];
  /** Set only where the reporter's verdict decides the next stage. */
  satisfaction?: readonly Satisfaction[];
}

const INCIDENT_WORKERS = rolesWith('act-on-incidents');
const SUPERVISORS = rolesWith('issue-supervision-notice');

/**
 * Every legal move. Anything not listed is refused. Two choices worth knowing:
 * - `close` ends an incident without a follow-up call: before assignment it dismisses an unfounded
 *   or duplicate report; at follow-up it is allowed only when there is nobody to call back.
 * - A dissatisfied follow-up returns the incident to `resolve`, not `assign`: the units that handled
 *   it stay accountable for the result the reporter rejected, their acknowledgements stand, and the
 *   resolution clock restarts. If they stall again the usual escalation to supervision applies.
 */
export const TRANSITIONS: readonly Transition[] = [
  { from: 'sense', action: 'report', to: 'report', roles: INCIDENT_WORKERS },
  { from: 'sense', action: 'close', to: 'closed', roles: INCIDENT_WORKERS },
  { from: 'report', action: 'assess', to: 'assess', roles: INCIDENT_WORKERS },
  { from: 'report', action: 'close', to: 'closed', roles: INCIDENT_WORKERS },
  { from: 'assess', action: 'assign', to: 'assign', roles: INCIDENT_WORKERS },
  { from: 'assess', action: 'close', to: 'closed', roles: INCIDENT_WORKERS },
  { from: 'assign', action: 'acknowledge', to: 'resolve', roles: INCIDENT_WORKERS },
  { from: 'assign', action: 'escalate', to: 'supervise', roles: INCIDENT_WORKERS },
  { from: 'assign', action: 'issueSupervisionNotice', to: 'supervise', roles: SUPERVISORS },
  { from: 'resolve', action: 'acknowledge', to: 'resolve', roles: INCIDENT_WORKERS },
  { from: 'resolve', action: 'escalate', to: 'supervise', roles: INCIDENT_WORKERS },
  { from: 'resolve', action: 'issueSupervisionNotice', to: 'supervise', roles: SUPERVISORS },
  { from: 'resolve', action: 'resolve', to: 'followUp', roles: INCIDENT_WORKERS },
  { from: 'supervise', action: 'acknowledge', to: 'supervise', roles: INCIDENT_WORKERS },
  { from: 'supervise', action: 'issueSupervisionNotice', to: 'supervise', roles: SUPERVISORS },
  { from: 'supervise', action: 'resolve', to: 'followUp', roles: INCIDENT_WORKERS },
  {
    from: 'followUp',
    action: 'recordFollowUp',
    to: 'closed',
    roles: INCIDENT_WORKERS,
    satisfaction: ['satisfied', 'basically-satisfied'],
  },
  {
    from: 'followUp',
    action: 'recordFollowUp',
    to: 'resolve',
    roles: INCIDENT_WORKERS,
    satisfaction: ['dissatisfied'],
  },
  { from: 'followUp', action: 'close', to: 'closed', roles: INCIDENT_WORKERS },
];

/** The stages out of which an operator of `role` may take an action of `type`, its other conditions met. */
export function stagesAllowing(type: LifecycleActionType, role: Role): Stage[] {
  return [
    ...new Set(TRANSITIONS.filter((t) => t.action === type && t.roles.includes(role)).map((t) => t.from)),
  ];
}

/** The actions the machine allows out of `stage`, whoever asks. */
export function actionsFrom(stage: Stage): LifecycleActionType[] {
  return [...new Set(TRANSITIONS.filter((t) => t.from === stage).map((t) => t.action))];
}

function transitionFor(stage: Stage, action: LifecycleAction): Transition | undefined {
  return TRANSITIONS.find(
    (t) =>
      t.from === stage &&
      t.action === action.type &&
      (action.type !== 'recordFollowUp' || t.satisfaction?.includes(action.satisfaction)),
  );
}

/** Everything besides the incident that a decision depends on, supplied by the caller. */
export interface ActionContext {
  actor: Operator;
  at: IsoDateTime;
  /** The mode in force in the incident's jurisdiction: it picks the SLA table. */
  mode: Mode;
  sla: SlaConfig;
}

export type ActionResult = { ok: true; incident: Incident; events: HubEventDraft[] } | Refusal;

function stageName(stage: Stage): string {
  return `${stage} (${STAGE_LABELS[stage].zh})`;
}

/** When units assigned at `at` must have reported in. */
function acknowledgeByFor(incident: Incident, ctx: ActionContext): IsoDateTime {
  return addMinutes(ctx.at, minutesAllowed(incident, 'assign', ctx.mode, ctx.sla));
}

/** What the actions open on an incident depend on besides its record and the role: the time, the mode and the tables. */
export interface AvailabilityContext {
  at: IsoDateTime;
  mode: Mode;
  sla: SlaConfig;
}

/**
 * The conditions on the incident's record, beyond its stage, for an action of this type: the same whatever the
 * operator fills in, so the screen can tell before offering the action whether the hub will take it.
 */
function stateFailure(
  incident: Incident,
  type: LifecycleActionType,
  ctx: AvailabilityContext,
): Wording | null {
  switch (type) {
    case 'acknowledge':
      return incident.assignedUnitIds.every((unitId) => incident.acknowledgedUnitIds.includes(unitId))
        ? wording(
            'unitAlreadyAcknowledged',
            {},
            `every unit on incident ${incident.id} has acknowledged already`,
          )
        : null;
    case 'issueSupervisionNotice': {
      if (incident.stage === 'supervise' || isOverdue(incident, ctx.at, ctx.mode, ctx.sla)) return null;
      const due = deadlineFor(incident, incident.stage, ctx.mode, ctx.sla);
      return wording(
        'supervisionNeedsOverdue',
        due === null ? {} : { due },
        `incident ${incident.id} is neither overdue nor escalated: a supervision notice needs one or the ` +
          `other (due ${due})`,
      );
    }
    case 'resolve':
      return incident.acknowledgedUnitIds.length === 0
        ? wording(
            'nobodyAcknowledged',
            {},
            `no unit has acknowledged incident ${incident.id}, so nobody has handled it`,
          )
        : null;
    case 'close':
      return incident.stage === 'followUp' && incident.reporter?.phone !== undefined
        ? wording(
            'followUpInstead',
            {},
            `the reporter of incident ${incident.id} can be called back: record the follow-up instead`,
          )
        : null;
    default:
      return null;
  }
}

/** The conditions on what the operator filled in: the action's own parameters. */
function parameterFailure(incident: Incident, action: LifecycleAction, ctx: ActionContext): Wording | null {
  switch (action.type) {
    case 'assign': {
      const acknowledgeBy = acknowledgeByFor(incident, ctx);
      return toMillis(action.deadline) < toMillis(acknowledgeBy)
        ? wording(
            'deadlineBeforeAcknowledge',
            { deadline: action.deadline, acknowledgeBy },
            `the deadline ${action.deadline} is before the units are due to acknowledge, at ${acknowledgeBy}`,
          )
        : null;
    }
    case 'acknowledge':
      if (!incident.assignedUnitIds.includes(action.unitId)) {
        return wording('unitHasNoOrder', {}, `unit ${action.unitId} has no order on incident ${incident.id}`);
      }
      return incident.acknowledgedUnitIds.includes(action.unitId)
        ? wording(
            'unitAlreadyAcknowledged',
            {},
            `unit ${action.unitId} has already acknowledged incident ${incident.id}`,
          )
        : null;
    case 'resolve':
      return incident.kind === 'dispute' && action.difficulty === undefined
        ? wording(
            'disputeNeedsDifficulty',
            {},
            `incident ${incident.id} is a dispute: grade its difficulty, which its subsidy by case depends on`,
          )
        : null;
    default:
      return null;
  }
}

/**
 * Why an operator of `role` may not take an action of `type` on the incident now, or null when they may (given
 * sound parameters): the stage allows it, the role may take it, and the incident's record meets its conditions.
 */
export function availabilityRefusal(
  incident: Incident,
  type: LifecycleActionType,
  role: Role,
  ctx: AvailabilityContext,
): Refusal | null {
  const transitions = TRANSITIONS.filter((t) => t.from === incident.stage && t.action === type);
  if (transitions.length === 0) {
    const allowed = actionsFrom(incident.stage);
    return refuse(
      'illegal-in-stage',
      `${type} is not allowed in stage ${stageName(incident.stage)}; ` +
        (allowed.length > 0 ? `allowed there: ${allowed.join(', ')}` : 'nothing is allowed there'),
      wording('illegalInStage', { action: type, stage: incident.stage }),
    );
  }
  if (!transitions.some((t) => t.roles.includes(role))) {
    return refuse(
      'role-not-permitted',
      `role ${role} may not ${type}`,
      wording('roleMayNot', { role, action: type }),
    );
  }
  const failure = stateFailure(incident, type, ctx);
  return failure === null ? null : refuse('precondition-failed', failure.message ?? failure.code, failure);
}

/**
 * The actions an operator of `role` may take on the incident at `ctx.at`: what the screen offers, and, with
 * sound parameters and the incident in the operator's jurisdiction, exactly what the hub accepts.
 */
export function availableActions(
  incident: Incident,
  role: Role,
  ctx: AvailabilityContext,
): LifecycleActionType[] {
  return actionsFrom(incident.stage).filter(
    (type) => availabilityRefusal(incident, type, role, ctx) === null,
  );
}

/** Closing at follow-up means nobody could be called back; closing earlier dismisses the report. */
function closureOnClose(from: Stage): Closure {
  return from === 'followUp' ? 'no-follow-up' : 'dismissed';
}

/** The incident after `action`, moved to `to`. The stage clock restarts only on entering a new stage. */
function nextIncident(incident: Incident, action: LifecycleAction, to: Stage, at: IsoDateTime): Incident {
  const next: Incident = {
    ...incident,
    stage: to,
    version: incident.version + 1,
    updatedAt: at,
    stageEnteredAt:
      to === incident.stage ? incident.stageEnteredAt : { ...incident.stageEnteredAt, [to]: at },
  };
  switch (action.type) {
    case 'assess':
      return { ...next, riskLevel: action.riskLevel };
    case 'assign':
      return { ...next, assignedUnitIds: [...action.unitIds] };
    case 'acknowledge':
      return { ...next, acknowledgedUnitIds: [...incident.acknowledgedUnitIds, action.unitId] };
    case 'resolve':
      return { ...next, difficulty: action.difficulty ?? null, resolver: action.resolver ?? null };
    case 'recordFollowUp':
      return action.satisfaction === 'dissatisfied'
        ? { ...next, satisfaction: action.satisfaction, reopenCount: incident.reopenCount + 1 }
        : { ...next, satisfaction: action.satisfaction, closure: 'followed-up' };
    case 'close':
      return { ...next, closure: closureOnClose(incident.stage) };
    default:
      return next;
  }
}

function eventsFor(
  before: Incident,
  incident: Incident,
  action: LifecycleAction,
  ctx: ActionContext,
): HubEventDraft[] {
  const envelope = { jurisdiction: incident.jurisdictionCode, at: ctx.at };
  const change = { incident, by: ctx.actor.id };
  switch (action.type) {
    case 'report':
      return [{ ...envelope, type: 'incident.reported', payload: change }];
    case 'assess':
      return [
        { ...envelope, type: 'incident.assessed', payload: { ...change, riskLevel: action.riskLevel } },
      ];
    case 'assign': {
      const acknowledgeBy = acknowledgeByFor(before, ctx);
      const orders: Order[] = action.unitIds.map((unitId) => ({
        id: orderIdFor(incident.id, unitId),
        incidentId: incident.id,
        unitId,
        issuedAt: ctx.at,
        acknowledgeBy,
        deadline: action.deadline,
        issuedBy: ctx.actor.id,
        acknowledgement: null,
      }));
      return [{ ...envelope, type: 'incident.assigned', payload: { ...change, orders } }];
    }
    case 'acknowledge':
      return [
        {
          ...envelope,
          type: 'order.acknowledged',
          payload: {
            ...change,
            orderId: orderIdFor(incident.id, action.unitId),
            unitId: action.unitId,
            acknowledgement: {
              acknowledgedAt: ctx.at,
              by: ctx.actor.id,
              note: action.note ?? '',
              ...(action.signedBy === undefined ? {} : { signedBy: action.signedBy }),
            },
          },
        },
      ];
    case 'escalate':
      return [{ ...envelope, type: 'incident.escalated', payload: { ...change, reason: action.reason } }];
    case 'issueSupervisionNotice':
      return [
        { ...envelope, type: 'supervision.issued', payload: { ...change, requirement: action.requirement } },
      ];
    case 'resolve':
      return [{ ...envelope, type: 'incident.resolved', payload: { ...change, summary: action.summary } }];
    case 'recordFollowUp': {
      const followedUp: HubEventDraft = {
        ...envelope,
        type: 'incident.followed-up',
        payload: { ...change, satisfaction: action.satisfaction, note: action.note },
      };
      return action.satisfaction === 'dissatisfied'
        ? [
            followedUp,
            {
              ...envelope,
              type: 'incident.reopened',
              payload: { ...change, cause: 'dissatisfied-follow-up' },
            },
          ]
        : [
            followedUp,
            {
              ...envelope,
              type: 'incident.closed',
              payload: { ...change, closure: 'followed-up', reason: null },
            },
          ];
    }
    case 'close':
      return [
        {
          ...envelope,
          type: 'incident.closed',
          payload: { ...change, closure: closureOnClose(before.stage), reason: action.reason },
        },
      ];
  }
}

/**
 * Applies one action to an incident, or says precisely why not. Checked in order: the stage allows
 * the action, the actor's role may take it, the incident lies in the actor's jurisdiction, and the
 * action's own preconditions hold. A refusal leaves the incident untouched.
 */
export function applyAction(incident: Incident, action: LifecycleAction, ctx: ActionContext): ActionResult {
  const { actor } = ctx;
  const transition = transitionFor(incident.stage, action);
  const unavailable = availabilityRefusal(incident, action.type, actor.role, ctx);
  if (unavailable && unavailable.code !== 'precondition-failed') return unavailable;
  if (transition === undefined) {
    return refuse(
      'illegal-in-stage',
      `${action.type} is not allowed in stage ${stageName(incident.stage)}`,
      wording('illegalInStage', { action: action.type, stage: incident.stage }),
    );
  }
  if (!inScope(actor.jurisdictionCode, incident.jurisdictionCode)) {
    return refuse(
      'out-of-scope',
      `incident ${incident.id} in ${incident.jurisdictionCode} is outside the scope of ${actor.id} (${actor.jurisdictionCode})`,
      wording('outOfScope'),
    );
  }
  if (unavailable) return unavailable;
  const failure = parameterFailure(incident, action, ctx);
  if (failure !== null) return refuse('precondition-failed', failure.message ?? failure.code, failure);

  const next = nextIncident(incident, action, transition.to, ctx.at);
  return { ok: true, incident: next, events: eventsFor(incident, next, action, ctx) };
}

/**
 * Records a new incident. A camera alarm starts in `sense`, because a machine's alarm is only a lead
 * until someone at the centre has checked the footage and files it; every other source is a person
 * filing a report, so it starts in `report`. Throws if the report breaks the incident schema.
 */
export function openIncident(
  report: NewIncident,
  at: IsoDateTime,
): { incident: Incident; events: HubEventDraft[] } {
  const validReport = newIncidentSchema.parse(report);
  // Only a camera alarm names a monitoring point (the schema enforces it).
  const { monitoringPointId } = validReport;
  const stage = monitoringPointId === null ? 'report' : 'sense';
  const incident = incidentSchema.parse({
    ...validReport,
    riskLevel: null,
    stage,
    version: 1,
    createdAt: at,
    updatedAt: at,
    stageEnteredAt: { [stage]: at },
    assignedUnitIds: [],
    acknowledgedUnitIds: [],
    satisfaction: null,
    reopenCount: 0,
    closure: null,
  });
  const envelope = { jurisdiction: incident.jurisdictionCode, at };
  const events: HubEventDraft[] =
    monitoringPointId === null
      ? [{ ...envelope, type: 'incident.reported', payload: { incident, by: null } }]
      : [
          {
            ...envelope,
            type: 'alarm.raised',
            payload: { incident, monitoringPointId },
          },
        ];
  return { incident, events };
}
