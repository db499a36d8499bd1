import { describe, expect, it } from 'vitest';
import {
  addMinutes,
  applyAction,
  deadlineFor,
  hubEventSchema,
  incidentSchema,
  openIncident,
  STAGES,
  TRANSITIONS,
  type ActionResult,
  type Incident,
  type LifecycleAction,
  type NewIncident,
} from '../../src/domain';
import { contextFor, GRID, incidentIn, MUCH_LATER, SAMPLE_ACTIONS, stamp, T0 } from './fixtures';

function applied(result: ActionResult): Extract<ActionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected the action to apply, was refused: ${result.reason}`);
  return result;
}

function refusal(result: ActionResult): Extract<ActionResult, { ok: false }> {
  if (result.ok) throw new Error('expected the action to be refused');
  return result;
}

const followUp = (satisfaction: 'satisfied' | 'basically-satisfied' | 'dissatisfied'): LifecycleAction => ({
  type: 'recordFollowUp',
  satisfaction,
  note: '电话回访',
});

/** Every row of the transition table, with an action that takes that row. */
const legalMoves = TRANSITIONS.map((t) => ({
  stage: t.from,
  action:
    t.action === 'recordFollowUp' ? followUp(t.satisfaction?.[0] ?? 'satisfied') : SAMPLE_ACTIONS[t.action],
}));

describe('follow-up', () => {
  it('reopens a dissatisfied incident into resolve, keeping its units and restarting the clock', () => {
    const before = incidentIn('followUp');
    const { incident, events } = applied(
      applyAction(before, followUp('dissatisfied'), contextFor('operator')),
    );
    expect(incident.stage).toBe('resolve');
    expect(incident.satisfaction).toBe('dissatisfied');
    expect(incident.reopenCount).toBe(1);
    expect(incident.closure).toBeNull();
    expect(incident.assignedUnitIds).toEqual(before.assignedUnitIds);
    expect(incident.acknowledgedUnitIds).toEqual(before.acknowledgedUnitIds);
    expect(incident.stageEnteredAt.resolve).toBe(MUCH_LATER);
    expect(events.map((e) => e.type)).toEqual(['incident.followed-up', 'incident.reopened']);
  });

  it.each(['satisfied', 'basically-satisfied'] as const)(
    'closes a %s incident as followed up',
    (satisfaction) => {
      const { incident, events } = applied(
        applyAction(incidentIn('followUp'), followUp(satisfaction), contextFor('operator')),
      );
      expect(incident).toMatchObject({
        stage: 'closed',
        satisfaction,
        closure: 'followed-up',
        reopenCount: 0,
      });
      expect(events.map((e) => e.type)).toEqual(['incident.followed-up', 'incident.closed']);
    },
  );
});

describe('versions', () => {
  it.each(legalMoves)(
    'go up by exactly one when $action.type is applied in stage $stage',
    ({ stage, action }) => {
      const before = incidentIn(stage);
      const { incident } = applied(applyAction(before, action, contextFor('commander')));
      expect(incident.version).toBe(before.version + 1);
      expect(incident.updatedAt).toBe(MUCH_LATER);
    },
  );

  it('do not move, nor does anything else, when an action is refused', () => {
    for (const stage of STAGES) {
      for (const action of Object.values(SAMPLE_ACTIONS)) {
        const before = incidentIn(stage);
        const snapshot = structuredClone(before);
        const result = applyAction(before, action, contextFor('viewer'));
        if (!result.ok) expect(before).toEqual(snapshot);
      }
    }
  });

  it('leave the original incident untouched when an action applies', () => {
    const before = incidentIn('assign');
    const snapshot = structuredClone(before);
    applied(applyAction(before, SAMPLE_ACTIONS.acknowledge, contextFor('operator')));
    expect(before).toEqual(snapshot);
  });
});

describe('what every applied action produces', () => {
  it.each(legalMoves)(
    '$action.type in $stage yields a valid incident and valid events',
    ({ stage, action }) => {
      const { incident, events } = applied(applyAction(incidentIn(stage), action, contextFor('commander')));
      expect(incidentSchema.safeParse(incident).error).toBeUndefined();
      expect(events.length).toBeGreaterThan(0);
      for (const event of events) {
        expect(hubEventSchema.safeParse(stamp(event)).error).toBeUndefined();
        expect(event).toMatchObject({ jurisdiction: GRID, at: MUCH_LATER });
      }
    },
  );
});

describe('preconditions', () => {
  it('refuse an acknowledgement from a unit that has no order', () => {
    const action: LifecycleAction = { type: 'acknowledge', unitId: 'unit-court' };
    const result = refusal(applyAction(incidentIn('assign'), action, contextFor('operator')));
    expect(result).toMatchObject({ code: 'precondition-failed' });
    expect(result.reason).toContain('unit-court has no order');
  });

  it('refuse a second acknowledgement from the same unit', () => {
    const action: LifecycleAction = { type: 'acknowledge', unitId: 'unit-police' };
    const result = refusal(applyAction(incidentIn('resolve'), action, contextFor('operator')));
    expect(result.reason).toContain('already acknowledged');
  });

  it('move an assigned incident to resolve on the first acknowledgement and keep the clock on later ones', () => {
    const first = applied(
      applyAction(incidentIn('assign'), SAMPLE_ACTIONS.acknowledge, contextFor('operator')),
    );
    expect(first.incident.stage).toBe('resolve');
    expect(first.events[0]).toMatchObject({
      type: 'order.acknowledged',
      payload: { orderId: 'inc-1/unit-justice', unitId: 'unit-justice' },
    });
    const later = { type: 'acknowledge', unitId: 'unit-police' } as const;
    const second = applied(
      applyAction(first.incident, later, contextFor('operator', { at: addMinutes(MUCH_LATER, 5) })),
    );
    expect(second.incident.stageEnteredAt.resolve).toBe(first.incident.stageEnteredAt.resolve);
  });

  it('refuse a supervision notice on an assigned incident that is neither overdue nor escalated', () => {
    const onTime = contextFor('commander', { at: addMinutes(T0, 10) });
    const result = refusal(applyAction(incidentIn('assign'), SAMPLE_ACTIONS.issueSupervisionNotice, onTime));
    expect(result.code).toBe('precondition-failed');
    expect(result.reason).toContain('neither overdue nor escalated');
  });

  it('allow a supervision notice on an escalated incident before any deadline', () => {
    const onTime = contextFor('commander', { at: addMinutes(T0, 10) });
    const result = applyAction(incidentIn('supervise'), SAMPLE_ACTIONS.issueSupervisionNotice, onTime);
    expect(applied(result).events.map((e) => e.type)).toEqual(['supervision.issued']);
  });

  it('refuse to resolve a supervised incident no unit has acknowledged', () => {
    const unacknowledged: Incident = { ...incidentIn('supervise'), acknowledgedUnitIds: [] };
    const result = refusal(applyAction(unacknowledged, SAMPLE_ACTIONS.resolve, contextFor('operator')));
    expect(result.reason).toContain('no unit has acknowledged');
  });

  it('refuse to close without a follow-up when the reporter can be called back', () => {
    const reachable: Incident = {
      ...incidentIn('followUp'),
      reporter: { name: '李某', phone: '13800000000' },
    };
    const result = refusal(applyAction(reachable, SAMPLE_ACTIONS.close, contextFor('operator')));
    expect(result.reason).toContain('record the follow-up instead');
  });

  it('record a close at follow-up as no follow-up, and before assignment as a dismissal', () => {
    const atFollowUp = applied(
      applyAction(incidentIn('followUp'), SAMPLE_ACTIONS.close, contextFor('operator')),
    );
    const atReport = applied(applyAction(incidentIn('report'), SAMPLE_ACTIONS.close, contextFor('operator')));
    expect(atFollowUp.incident.closure).toBe('no-follow-up');
    expect(atReport.incident.closure).toBe('dismissed');
    expect(atReport.events[0]).toMatchObject({ type: 'incident.closed', payload: { closure: 'dismissed' } });
  });

  it('refuse an assignment due before the units are even due to acknowledge', () => {
    const tooSoon: LifecycleAction = {
      type: 'assign',
      unitIds: ['unit-police'],
      deadline: addMinutes(MUCH_LATER, 1),
    };
    const result = refusal(applyAction(incidentIn('assess'), tooSoon, contextFor('operator')));
    expect(result.reason).toContain('before the units are due to acknowledge');
  });

  it('issue one order per unit, due to acknowledge by the SLA of the assign stage', () => {
    const action: LifecycleAction = {
      type: 'assign',
      unitIds: ['unit-police', 'unit-justice'],
      deadline: addMinutes(MUCH_LATER, 24 * 60),
    };
    const { incident, events } = applied(applyAction(incidentIn('assess'), action, contextFor('operator')));
    const acknowledgeBy = deadlineFor(incident, 'assign', 'peacetime');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'incident.assigned',
      payload: {
        orders: [
          { id: 'inc-1/unit-police', unitId: 'unit-police', acknowledgeBy, issuedBy: 'operator-1' },
          { id: 'inc-1/unit-justice', unitId: 'unit-justice', acknowledgeBy, issuedBy: 'operator-1' },
        ],
      },
    });
  });
});

describe('opening an incident', () => {
  const report: NewIncident = {
    id: 'inc-9',
    kind: 'case',
    category: 'public-order',
    title: '广场聚集',
    description: '',
    jurisdictionCode: GRID,
    location: [100.2, 25.7],
    address: '古城广场',
    reporter: { name: '王某', phone: '0872-2123456' },
    source: 'hotline',
    monitoringPointId: null,
  };

  it('files a person’s report straight into report, version 1', () => {
    const { incident, events } = openIncident(report, T0);
    expect(incident).toMatchObject({
      stage: 'report',
      version: 1,
      riskLevel: null,
      stageEnteredAt: { report: T0 },
    });
    expect(events).toEqual([
      { type: 'incident.reported', jurisdiction: GRID, at: T0, payload: { incident, by: null } },
    ]);
  });

  it('holds a camera alarm in sense as a lead, raising an alarm', () => {
    const alarm: NewIncident = {
      ...report,
      source: 'camera-alarm',
      monitoringPointId: 'cam-17',
      reporter: null,
    };
    const { incident, events } = openIncident(alarm, T0);
    expect(incident.stage).toBe('sense');
    expect(events[0]).toMatchObject({ type: 'alarm.raised', payload: { monitoringPointId: 'cam-17' } });
  });

  it('rejects a camera alarm that does not name its camera', () => {
    expect(() => openIncident({ ...report, source: 'camera-alarm' }, T0)).toThrow(/monitoring point/);
  });

  it('walks a camera lead through all seven stages to closed, one version per step', () => {
    const alarm: NewIncident = {
      ...report,
      source: 'camera-alarm',
      monitoringPointId: 'cam-17',
      reporter: null,
    };
    let { incident } = openIncident(alarm, T0);
    const steps: LifecycleAction[] = [
      SAMPLE_ACTIONS.report,
      SAMPLE_ACTIONS.assess,
      { type: 'assign', unitIds: ['unit-police'], deadline: addMinutes(T0, 24 * 60) },
      { type: 'acknowledge', unitId: 'unit-police' },
      SAMPLE_ACTIONS.escalate,
      SAMPLE_ACTIONS.resolve,
      followUp('dissatisfied'),
      SAMPLE_ACTIONS.resolve,
      followUp('basically-satisfied'),
    ];
    const stages = steps.map((action, i) => {
      incident = applied(
        applyAction(incident, action, contextFor('operator', { at: addMinutes(T0, i + 1) })),
      ).incident;
      return incident.stage;
    });
    expect(stages).toEqual([
      'report',
      'assess',
      'assign',
      'resolve',
      'supervise',
      'followUp',
      'resolve',
      'followUp',
      'closed',
    ]);
    expect(incident.version).toBe(1 + steps.length);
    expect(incident.reopenCount).toBe(1);
  });
});
