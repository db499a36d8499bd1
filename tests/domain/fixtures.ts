import {
  addMinutes,
  DEFAULT_SLA,
  type ActionContext,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type LifecycleAction,
  type LifecycleActionType,
  type Operator,
  type Role,
  type Stage,
} from '../../src/domain';

/** Dali prefecture (5329) → Dali city (532901) → a township, a village and one of its grids. */
export const PREFECTURE = '5329';
export const COUNTY = '532901';
export const VILLAGE = '532901001001';
export const GRID = '532901001001001';
/** Yangbi county, beside Dali city: outside the scope of an operator there. */
export const NEIGHBOURING_COUNTY = '532922';

export const T0 = '2025-03-01T00:00:00.000Z';
/** A month after every fixture entered its stage, so each of them is overdue. */
export const MUCH_LATER = addMinutes(T0, 30 * 24 * 60);

export function operatorWith(role: Role, jurisdictionCode = COUNTY): Operator {
  return { id: `${role}-1`, name: `${role} on duty`, role, jurisdictionCode };
}

export function contextFor(role: Role, overrides: Partial<ActionContext> = {}): ActionContext {
  return { actor: operatorWith(role), at: MUCH_LATER, mode: 'peacetime', sla: DEFAULT_SLA, ...overrides };
}

/** The stages each fixture passed through on its way to where it waits. */
const ROUTE: Record<Stage, readonly Stage[]> = {
  sense: ['sense'],
  report: ['report'],
  assess: ['report', 'assess'],
  assign: ['report', 'assess', 'assign'],
  resolve: ['report', 'assess', 'assign', 'resolve'],
  supervise: ['report', 'assess', 'assign', 'resolve', 'supervise'],
  followUp: ['report', 'assess', 'assign', 'resolve', 'followUp'],
  closed: ['report', 'assess', 'assign', 'resolve', 'followUp', 'closed'],
};

/**
 * A valid incident waiting in `stage`, shaped so that every action the machine allows there passes
 * its preconditions: two units assigned and one of them acknowledged, nobody's phone to call back.
 */
export function incidentIn(stage: Stage): Incident {
  const assessed = !['sense', 'report'].includes(stage);
  const assigned = assessed && stage !== 'assess';
  const acknowledged = assigned && stage !== 'assign';
  const stageEnteredAt: Incident['stageEnteredAt'] = Object.fromEntries(ROUTE[stage].map((s) => [s, T0]));
  return {
    id: 'inc-1',
    kind: 'dispute',
    category: 'neighbourhood',
    title: '邻里宅基地边界纠纷',
    description: '两户因院墙边界发生争执',
    jurisdictionCode: GRID,
    location: [100.23, 25.6],
    address: '大理市某村三组',
    reporter: stage === 'sense' ? null : { name: '李某' },
    source: stage === 'sense' ? 'camera-alarm' : 'grid-worker',
    monitoringPointId: stage === 'sense' ? 'cam-17' : null,
    riskLevel: assessed ? 'medium' : null,
    stage,
    version: 5,
    createdAt: T0,
    updatedAt: T0,
    stageEnteredAt,
    assignedUnitIds: assigned ? ['unit-police', 'unit-justice'] : [],
    acknowledgedUnitIds: acknowledged ? ['unit-police'] : [],
    satisfaction: null,
    reopenCount: 0,
    closure: stage === 'closed' ? 'followed-up' : null,
    difficulty: ROUTE[stage].includes('followUp') ? 'ordinary' : null,
    resolver: ROUTE[stage].includes('followUp') ? '杨丽华' : null,
  };
}

/** One well-formed example of each action. */
export const SAMPLE_ACTIONS: Record<LifecycleActionType, LifecycleAction> = {
  report: { type: 'report' },
  assess: { type: 'assess', riskLevel: 'high' },
  assign: { type: 'assign', unitIds: ['unit-police'], deadline: addMinutes(MUCH_LATER, 3 * 24 * 60) },
  acknowledge: { type: 'acknowledge', unitId: 'unit-justice' },
  escalate: { type: 'escalate', reason: '超期未签收' },
  issueSupervisionNotice: { type: 'issueSupervisionNotice', requirement: '三日内化解到位' },
  resolve: { type: 'resolve', summary: '双方达成调解协议', difficulty: 'ordinary' },
  recordFollowUp: { type: 'recordFollowUp', satisfaction: 'satisfied', note: '电话回访，当事人满意' },
  close: { type: 'close', reason: '重复上报，已并案' },
};

let nextSeq = 1;

/** What the hub does to a draft: give it a sequence number and an id. */
export function stamp(draft: HubEventDraft): HubEvent {
  const seq = nextSeq++;
  return { ...draft, seq, id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}` };
}
