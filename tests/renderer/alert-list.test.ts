import { describe, expect, it } from 'vitest';
import type { IncidentAlert } from '../../src/core/contract/alerts';
import {
  acknowledged,
  KEEP_ALERTS,
  parseMutes,
  toggledMute,
  withAlert,
  type Alert,
} from '../../renderer/src/workspace/alerts/alert-list';

const raised = (type: IncidentAlert['type'], incidentId: string): IncidentAlert => ({
  type,
  incidentId,
  title: `事件 ${incidentId}`,
  at: '2026-03-02T01:30:00.000Z',
});

describe('the alert centre’s list', () => {
  it('puts a new alert on top, keyed by type and incident, unacknowledged unless its type is muted', () => {
    let alerts: Alert[] = [];
    alerts = withAlert(alerts, raised('high-risk', 'inc-1'), false);
    alerts = withAlert(alerts, raised('overdue', 'inc-2'), true);
    expect(alerts.map((alert) => [alert.key, alert.acknowledged])).toEqual([
      ['overdue:inc-2', true],
      ['high-risk:inc-1', false],
    ]);
  });

  it(`keeps the newest ${KEEP_ALERTS}`, () => {
    let alerts: Alert[] = [];
    for (let i = 0; i < KEEP_ALERTS + 5; i += 1)
      alerts = withAlert(alerts, raised('overdue', `inc-${i}`), false);
    expect(alerts).toHaveLength(KEEP_ALERTS);
    expect(alerts[0]!.incidentId).toBe(`inc-${KEEP_ALERTS + 4}`);
    expect(alerts.at(-1)!.incidentId).toBe('inc-5');
  });

  it('acknowledges one alert by its key, or all of them', () => {
    const alerts = withAlert(
      withAlert([], raised('high-risk', 'inc-1'), false),
      raised('overdue', 'inc-2'),
      false,
    );
    expect(acknowledged(alerts, 'high-risk:inc-1').map((alert) => alert.acknowledged)).toEqual([false, true]);
    expect(acknowledged(alerts).every((alert) => alert.acknowledged)).toBe(true);
  });

  it('muting a type acknowledges what it raised; unmuting leaves the list as it is', () => {
    const alerts = withAlert(
      withAlert([], raised('high-risk', 'inc-1'), false),
      raised('overdue', 'inc-2'),
      false,
    );
    const muting = toggledMute([], alerts, 'overdue');
    expect(muting.muted).toEqual(['overdue']);
    expect(muting.alerts.map((alert) => alert.acknowledged)).toEqual([true, false]);
    const unmuting = toggledMute(muting.muted, alerts, 'overdue');
    expect(unmuting.muted).toEqual([]);
    expect(unmuting.alerts).toEqual(alerts);
  });

  it.each([
    [null, []],
    ['["overdue"]', ['overdue']],
    ['["overdue","no-such-type",3]', ['overdue']],
    ['{"overdue":true}', []],
    ['not json', []],
  ])('reads saved mutes %j as %j', (saved, expected) => {
    expect(parseMutes(saved)).toEqual(expected);
  });
});
