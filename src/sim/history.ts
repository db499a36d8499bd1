import {
  DEFAULT_SLA,
  addChinaDays,
  applyAction,
  chinaDayOf,
  chinaDayStart,
  deadlineFor,
  openIncident,
  type HubEventDraft,
  type Incident,
  type LifecycleAction,
  type Operator,
  type Order,
} from '../domain';
import { generateInventory } from './seed/inventory';
import { pastFieldEvents } from './history-field';
import { DAY_SECONDS, newIncidentOf, planDay, type PlannedIncident } from './plan';
import type { Step } from './script';

const MINUTE_MS = 60_000;

export interface PastDaysRequest {
  regionId: string;
  /** The past is planned from its own seed, apart from the live run's, so the two never share an id. */
  seed: number;
  /** Whole China days before the day of `until`, the oldest first; the day of `until` is played up to it. */
  days: number;
  /** Nothing is recorded after this instant: the live simulator takes over from here. */
  until: number;
  /** The centre's operator the steps are recorded as. */
  actor: Operator;
  regionsDir?: string;
}

/** What the step asks the lifecycle to do, and the instant it can first be done. */
function actionFor(
  step: Step,
  incident: Incident,
  orders: ReadonlyMap<string, Order>,
  at: number,
): { action: LifecycleAction; at: number } {
  switch (step.action) {
    case 'assign': {
      // The units get the time the SLA gives for resolving an incident of this grade, as the live centre does.
      const minutes = DEFAULT_SLA.peacetime.resolve[incident.riskLevel ?? 'high'];
      const deadline = new Date(at + minutes * MINUTE_MS).toISOString();
      return { action: { type: 'assign', unitIds: step.unitIds, deadline }, at };
    }
    case 'acknowledge': {
      const order = orders.get(step.unitId);
      const late = step.late && order ? Date.parse(order.acknowledgeBy) + MINUTE_MS : at;
      return {
        action: { type: 'acknowledge', unitId: step.unitId, note: step.note },
        at: Math.max(at, late),
      };
    }
    case 'issueSupervisionNotice': {
      const deadline = deadlineFor(incident, incident.stage, 'peacetime', DEFAULT_SLA);
      const overdue = step.onceOverdue && deadline ? Date.parse(deadline) + MINUTE_MS : at;
      return {
        action: { type: 'issueSupervisionNotice', requirement: step.requirement },
        at: Math.max(at, overdue),
      };
    }
    case 'report':
      return { action: { type: 'report', note: step.note }, at };
    case 'close':
      return { action: { type: 'close', reason: step.reason }, at };
    case 'assess':
      return { action: { type: 'assess', riskLevel: step.riskLevel }, at };
    case 'escalate':
      return { action: { type: 'escalate', reason: step.reason }, at };
    case 'resolve':
      return {
        action: {
          type: 'resolve',
          summary: step.summary,
          difficulty: step.difficulty,
          ...(step.resolver === null ? {} : { resolver: step.resolver }),
        },
        at,
      };
    case 'recordFollowUp':
      return { action: { type: 'recordFollowUp', satisfaction: step.satisfaction, note: step.note }, at };
  }
}

/** One planned incident's life up to `until`, through the domain's own lifecycle. */
function playIncident(id: string, planned: PlannedIncident, openedAt: number, request: PastDaysRequest) {
  const opened = openIncident(newIncidentOf(planned, id), new Date(openedAt).toISOString());
  const drafts = [...opened.events];
  let { incident } = opened;
  const orders = new Map<string, Order>();
  let at = openedAt;
  for (const step of planned.script) {
    const next = actionFor(step, incident, orders, at + step.after * 1000);
    if (next.at > request.until) break;
    at = next.at;
    const result = applyAction(incident, next.action, {
      actor: request.actor,
      at: new Date(at).toISOString(),
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    // The hub has the last word in the live run; here the lifecycle has it, and a refused step ends the plan.
    if (!result.ok) break;
    incident = result.incident;
    drafts.push(...result.events);
    for (const event of result.events)
      if (event.type === 'incident.assigned')
        for (const order of event.payload.orders) orders.set(order.unitId, order);
  }
  return drafts;
}

/**
 * The centre's past days, played offline: each China day planned from its midnight by the live simulator's own
 * planner, up to the instant the live run takes over (`until`, in the day of which the live run carries on at
 * the same hour), and each incident opened and walked through its script by the domain's lifecycle at the
 * times the script gives. A fresh demo hub records them, so the briefing, the shift handover and the
 * subsidies have a past to show; beside them the field's past (patrols, volunteers' turns, camera outages), so
 * a shift's replay shows it too.
 */
export function pastDays(request: PastDaysRequest): HubEventDraft[] {
  const today = chinaDayOf(request.until);
  const drafts: HubEventDraft[] = [];
  for (let back = request.days; back >= 0; back -= 1) {
    const day = addChinaDays(today, -back);
    const plan = planDay(request.regionId, request.seed, 'normal', back, request.regionsDir, 0);
    const dayTag = day.replaceAll('-', '');
    for (const item of plan.items) {
      if (item.type !== 'incident') continue;
      // A plan counts seconds from the start of its run's first day; this day stands on its own.
      const openedAt = chinaDayStart(day) + (item.at - back * DAY_SECONDS) * 1000;
      if (openedAt > request.until) continue;
      const id = `${dayTag}-H${item.incident.key.split('-')[1]!.padStart(5, '0')}`;
      drafts.push(...playIncident(id, item.incident, openedAt, request));
    }
  }
  const inventory = generateInventory(request.regionId, request.regionsDir);
  drafts.push(
    ...pastFieldEvents({
      seed: request.seed,
      days: request.days,
      until: request.until,
      forces: inventory.forces,
      points: inventory.points,
    }),
  );
  return drafts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
