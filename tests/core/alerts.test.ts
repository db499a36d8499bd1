import { describe, expect, it } from 'vitest';
import { AlertWatch } from '../../src/core/alerts';
import type { IncidentAlert } from '../../src/core/contract/alerts';
import type { QueueRules } from '../../src/core/queue/incident-queue';
import { addMinutes, type Incident } from '../../src/domain';
import { T0, incidentIn } from '../domain/fixtures';
import { queueOver } from './support/queue-cache';

describe('alerts', () => {
  const setUp = (initial: Incident[]) => setUpAt(initial, 0);

  function setUpAt(initial: Incident[], startMinutes: number) {
    let now = Date.parse(addMinutes(T0, startMinutes));
    const { queue, hold } = queueOver(initial);
    const raised: IncidentAlert[] = [];
    const rules = (): QueueRules => ({ now });
    const watch = new AlertWatch(queue, rules, (alert) => raised.push(alert));
    // The watch's first look, as the core's first batch after opening gives it.
    watch.sweep();
    return {
      raised,
      watch,
      change(next: Incident[]) {
        hold(next);
        watch.changed(next.map((incident) => incident.id));
      },
      at(minutes: number) {
        now = Date.parse(addMinutes(T0, minutes));
      },
    };
  }

  it('raises an incident turning high-risk once, and not what was high-risk before the screen started', () => {
    const { raised, change } = setUp([{ ...incidentIn('assess'), id: 'known', riskLevel: 'high' }]);
    change([{ ...incidentIn('assess'), id: 'known', riskLevel: 'high', version: 6 }]);
    expect(raised).toEqual([]);
    const graded = { ...incidentIn('assess'), id: 'new', riskLevel: 'high' as const };
    change([graded]);
    change([{ ...graded, version: 6 }]);
    expect(raised.map((alert) => [alert.type, alert.incidentId])).toEqual([['high-risk', 'new']]);
  });

  it('raises an incident going overdue in handling when the clock passes its deadline, once', () => {
    // Assigned at T0 with medium risk: the units have 2 hours (peacetime).
    const { raised, watch, at } = setUp([{ ...incidentIn('assign'), id: 'late' }]);
    at(119);
    watch.sweep();
    expect(raised).toEqual([]);
    at(121);
    watch.sweep();
    watch.sweep();
    expect(raised.map((alert) => [alert.type, alert.incidentId])).toEqual([['overdue', 'late']]);
  });

  it('does not ring for a change to what was overdue already when the screen started', () => {
    // Assigned at T0, due at T0 + 2 h; the screen starts at T0 + 3 h.
    const late = { ...incidentIn('assign'), id: 'old-late' };
    const { raised, watch, change, at } = setUpAt([late], 180);
    change([{ ...late, version: late.version + 1 }]);
    at(200);
    watch.sweep();
    expect(raised).toEqual([]);
  });

  it('rings once for an incident that arrives already past a due time the sweeps have passed', () => {
    const { raised, watch, change, at } = setUpAt([], 180);
    at(190);
    watch.sweep();
    // Caught up late: assigned at T0, so due at T0 + 2 h, an hour before the screen started.
    change([{ ...incidentIn('assign'), id: 'caught-up' }]);
    watch.sweep();
    change([{ ...incidentIn('assign'), id: 'caught-up', version: 9 }]);
    expect(raised.map((alert) => [alert.type, alert.incidentId])).toEqual([['overdue', 'caught-up']]);
  });
});
