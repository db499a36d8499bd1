import { describe, expect, it } from 'vitest';
import {
  addMinutes,
  applyAction,
  buildHandoverReview,
  availableActions,
  centreAbove,
  DEFAULT_SLA,
  escalateOverdue,
  escalationDue,
  formatNoticeNumber,
  hubEventSchema,
  LIFECYCLE_ACTION_TYPES,
  noticeYear,
  ROLES,
  STAGES,
  supervisingCentre,
  type Incident,
  type Mode,
  type SlaConfig,
} from '../../src/domain';
import { COUNTY, contextFor, GRID, incidentIn, SAMPLE_ACTIONS, stamp, T0 } from './fixtures';

const MODES: readonly Mode[] = ['peacetime', 'wartime'];

/** Just inside its stage's time, and just past it. */
function clockFor(incident: Incident, mode: Mode, overdue: boolean) {
  if (incident.stage === 'closed') return addMinutes(T0, overdue ? 60 * 24 * 30 : 1);
  const minutes = DEFAULT_SLA[mode][incident.stage][incident.riskLevel ?? 'high'];
  return addMinutes(T0, overdue ? minutes + 1 : minutes);
}

describe('the actions offered are the actions applied', () => {
  for (const stage of STAGES)
    for (const role of ROLES)
      for (const mode of MODES)
        for (const overdue of [false, true])
          it(`${stage} · ${role} · ${mode} · ${overdue ? 'overdue' : 'on time'}`, () => {
            const incident = incidentIn(stage);
            const ctx = contextFor(role, { mode, at: clockFor(incident, mode, overdue) });
            const offered = availableActions(incident, role, ctx);
            for (const type of LIFECYCLE_ACTION_TYPES) {
              const result = applyAction(incident, SAMPLE_ACTIONS[type], ctx);
              expect(result.ok, `${type} offered=${offered.includes(type)}`).toBe(offered.includes(type));
            }
          });

  it('offers a supervision notice on an assigned case only once it is overdue', () => {
    const incident = incidentIn('assign');
    const onTime = contextFor('commander', { at: clockFor(incident, 'peacetime', false) });
    const late = contextFor('commander', { at: clockFor(incident, 'peacetime', true) });
    expect(availableActions(incident, 'commander', onTime)).not.toContain('issueSupervisionNotice');
    expect(availableActions(incident, 'commander', late)).toContain('issueSupervisionNotice');
  });
});

function withManualEscalation(config: SlaConfig, mode: Mode, automatic: boolean, maxLevels = 2): SlaConfig {
  return { ...config, [mode]: { ...config[mode], escalation: { automatic, maxLevels } } };
}

describe('overdue escalation up the chain of centres', () => {
  const incident = incidentIn('resolve');
  const allowed = DEFAULT_SLA.peacetime.resolve.medium;

  it('walks village → township → county → prefecture, and no further', () => {
    expect(supervisingCentre({ jurisdictionCode: GRID })).toBe('532901001001');
    expect(centreAbove('532901001001')).toBe('532901001');
    expect(centreAbove('532901001')).toBe('532901');
    expect(centreAbove('532901')).toBe('5329');
    expect(centreAbove('5329')).toBeNull();
  });

  it.each([
    ['on the deadline itself', allowed, null],
    ['a minute past it', allowed + 1, 1],
    ['on the second deadline', 2 * allowed, 1],
    ['past the second deadline', 2 * allowed + 1, 2],
  ])('%s, escalates as often as deadlines were missed', (_case, minutes, expectedLevels) => {
    let current = incident;
    const now = addMinutes(T0, minutes);
    for (;;) {
      const next = escalateOverdue(current, now, 'peacetime', DEFAULT_SLA);
      if (!next) break;
      current = next.incident;
    }
    expect(current.escalations?.length ?? null).toBe(expectedLevels);
    if (expectedLevels === 2) {
      expect(current.escalations!.map((e) => e.to)).toEqual(['532901001', '532901']);
      expect(current.escalations![1]!.deadline).toBe(addMinutes(T0, 2 * allowed));
      expect(current.version).toBe(incident.version + 2);
    }
  });

  it('records the escalation as an event with its reason and parameters, once', () => {
    const now = addMinutes(T0, allowed + 1);
    const escalated = escalateOverdue(incident, now, 'peacetime', DEFAULT_SLA)!;
    const event = hubEventSchema.parse(stamp(escalated.events[0]!));
    expect(event).toMatchObject({
      type: 'incident.overdue-escalated',
      payload: {
        escalation: { level: 1, reason: 'overdue-at-stage', stage: 'resolve', to: '532901001', at: now },
      },
    });
    expect(escalationDue(escalated.incident, now, 'peacetime', DEFAULT_SLA)).toBeNull();
  });

  it.each([
    ['escalation by hand only', withManualEscalation(DEFAULT_SLA, 'peacetime', false)],
    ['no level allowed', withManualEscalation(DEFAULT_SLA, 'peacetime', true, 0)],
  ])('does nothing under a table with %s', (_case, sla) => {
    expect(escalationDue(incident, addMinutes(T0, 10 * allowed), 'peacetime', sla)).toBeNull();
  });

  it('stops at the table’s maximum of levels, counted across stages', () => {
    const sla = withManualEscalation(DEFAULT_SLA, 'peacetime', true, 1);
    const once = escalateOverdue(incident, addMinutes(T0, allowed + 1), 'peacetime', sla)!.incident;
    const resolved = applyAction(once, SAMPLE_ACTIONS.resolve, contextFor('operator'));
    expect(resolved.ok).toBe(true);
    if (!resolved.ok) return;
    expect(escalationDue(resolved.incident, addMinutes(T0, 60 * 24 * 90), 'peacetime', sla)).toBeNull();
  });

  it('does not escalate a closed case', () => {
    expect(
      escalationDue(incidentIn('closed'), addMinutes(T0, 60 * 24 * 90), 'peacetime', DEFAULT_SLA),
    ).toBeNull();
  });
});

describe('the handover review', () => {
  it('counts a case escalated for being overdue during the shift among the escalated', () => {
    const incident = incidentIn('resolve');
    const allowed = DEFAULT_SLA.peacetime.resolve.medium;
    const now = addMinutes(T0, allowed + 1);
    const escalated = escalateOverdue(incident, now, 'peacetime', DEFAULT_SLA)!;
    const events = [
      stamp({ type: 'incident.reported', jurisdiction: GRID, at: T0, payload: { incident, by: null } }),
      stamp(escalated.events[0]!),
    ];
    const shift = { start: addMinutes(now, -60), end: addMinutes(now, 60) };
    const review = buildHandoverReview({ events, scope: COUNTY, shift, now: Infinity });
    expect(review.escalated.map((item) => [item.incidentId, item.at])).toEqual([[incident.id, now]]);
  });
});

describe('supervision notice numbers', () => {
  it('are the centre’s series in the year in China', () => {
    expect(noticeYear('2026-12-31T16:00:00.000Z')).toBe(2027);
    expect(formatNoticeNumber('大理市综治中心', { centre: '532901', year: 2026, serial: 3 })).toBe(
      '大理市综治督〔2026〕第3号',
    );
  });
});
