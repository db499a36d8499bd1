import { describe, expect, it } from 'vitest';
import { AlertWatch } from '../../src/core/alerts';
import type { IncidentAlert } from '../../src/core/contract/alerts';
import type { QueueRules } from '../../src/core/queue/incident-queue';
import { addMinutes, type Incident } from '../../src/domain';
import { T0, incidentIn } from '../domain/fixtures';
import { queueOver } from './support/queue-cache';

describe('alerts', () => {
  function setUp(initial: Incident[]) {
    let now = Date.parse(T0);
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
});
