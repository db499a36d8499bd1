import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA,
  addMinutes,
  applyAction,
  deadlineFor,
  openIncident,
  toMillis,
  type Incident,
  type LifecycleAction,
  type Operator,
} from '../../src/domain';
import { distanceKm } from '../../src/domain/geo';
import { YANGBI_EARTHQUAKE } from '../../src/sim/earthquake';
import { newIncidentOf, planDay, type PlannedIncident } from '../../src/sim/plan';
import { simRegion } from '../../src/sim/region-model';
import type { Step } from '../../src/sim/script';

const commander: Operator = { id: 'commander', name: '值班长', role: 'commander', jurisdictionCode: '5329' };

function incidents(plan: ReturnType<typeof planDay>): { at: number; incident: PlannedIncident }[] {
  return plan.items.flatMap((item) =>
    item.type === 'incident' ? [{ at: item.at, incident: item.incident }] : [],
  );
}

function actionFor(step: Step, at: string, incident: Incident): LifecycleAction {
  switch (step.action) {
    case 'assign':
      return {
        type: 'assign',
        unitIds: step.unitIds,
        deadline: addMinutes(at, DEFAULT_SLA.peacetime.resolve[incident.riskLevel ?? 'high']),
      };
    case 'acknowledge':
      return { type: 'acknowledge', unitId: step.unitId, note: step.note };
    case 'issueSupervisionNotice':
      return { type: 'issueSupervisionNotice', requirement: step.requirement };
    default: {
      const { after: _after, ...action } = step;
      return { type: action.action, ...action } as unknown as LifecycleAction;
    }
  }
}

/** Plays a planned incident through the domain's own lifecycle, as the hub would, and returns its last stage. */
function playThrough(planned: PlannedIncident, jurisdictionCode: string): Incident {
  let at = '2025-05-21T00:00:00.000Z';
  let incident = openIncident(newIncidentOf(planned, planned.key), at).incident;
  for (const step of planned.script) {
    at = addMinutes(at, step.after / 60);
    if (step.action === 'issueSupervisionNotice' && step.onceOverdue) {
      const deadline = deadlineFor(incident, incident.stage, 'peacetime')!;
      if (toMillis(at) <= toMillis(deadline)) at = addMinutes(deadline, 1);
    }
    const result = applyAction(incident, actionFor(step, at, incident), {
      actor: { ...commander, jurisdictionCode },
      at,
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    if (!result.ok) throw new Error(`${planned.key} ${step.action}: ${result.code} ${result.reason}`);
    incident = result.incident;
  }
  return incident;
}

describe("the simulator's plan", () => {
  it('is the same for the same seed and differs for another', () => {
    const first = planDay('gulang', 1);
    expect(planDay('gulang', 1)).toEqual(first);
    const other = planDay('gulang', 2);
    expect(other.items).not.toEqual(first.items);
    expect(incidents(first).length).toBeGreaterThan(10);
  });

  it('follows the daily rhythm: more in the late morning than before dawn', () => {
    const plans = [1, 2, 3, 4, 5].map((seed) => planDay('lijiang', seed));
    const inHour = (hour: number) =>
      plans.flatMap(incidents).filter(({ at }) => Math.floor((8 * 3600 + at) / 3600) % 24 === hour).length;
    expect(inHour(10)).toBeGreaterThan(3 * inHour(3));
  });

  it('places every report in a grid of the region, inside the region, and walks a legal lifecycle', () => {
    const region = simRegion('gulang');
    for (const { incident } of incidents(planDay('gulang', 7))) {
      expect(region.tree.get(incident.jurisdictionCode)?.level).toBe('grid');
      expect(region.insideRegion(incident.location)).toBe(true);
      expect(playThrough(incident, region.tree.root.code).stage).toBe('closed');
    }
  });

  it('plans the earthquake reports with legal lifecycles too', () => {
    for (const { incident } of incidents(planDay('dali', 3, 'earthquake'))) {
      expect(playThrough(incident, '5329').stage).toBe('closed');
    }
  });

  it('puts the earthquake near Yangbi: a burst of reports around the epicentre and a wartime switch', () => {
    const plan = planDay('dali', 1, 'earthquake');
    const quake = plan.items.find((item) => item.type === 'earthquake')!;
    expect(quake).toBeDefined();
    const wartime = plan.items.find((item) => item.type === 'switch-mode');
    expect(wartime).toMatchObject({ jurisdictionCode: '5329', mode: 'wartime' });
    expect(wartime!.at - quake.at).toBeLessThanOrEqual(15 * 60);
    expect(wartime!.at).toBeGreaterThan(quake.at);

    const nearWithinThreeHours = (items: ReturnType<typeof incidents>, from: number) =>
      items.filter(
        ({ at, incident }) =>
          at >= from &&
          at < from + 3 * 3600 &&
          distanceKm(incident.location, YANGBI_EARTHQUAKE.epicentre) < 30,
      ).length;
    const burst = nearWithinThreeHours(incidents(plan), quake.at);
    const ordinary = nearWithinThreeHours(incidents(planDay('dali', 1)), quake.at);
    expect(burst).toBeGreaterThan(50);
    expect(burst).toBeGreaterThan(5 * Math.max(1, ordinary));
  });

  it('refuses the earthquake where Yangbi is not part of the region', () => {
    expect(() => planDay('gulang', 1, 'earthquake')).toThrow(/Yangbi/);
  });
});
