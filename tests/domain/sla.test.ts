import { describe, expect, it } from 'vitest';
import {
  addMinutes,
  deadlineFor,
  DEFAULT_SLA,
  isOverdue,
  RISK_LEVELS,
  TIMED_STAGES,
  type Incident,
  type SlaConfig,
} from '../../src/domain';
import { incidentIn, T0 } from './fixtures';

const cells = TIMED_STAGES.flatMap((stage) => RISK_LEVELS.map((risk) => ({ stage, risk })));

function justBefore(instant: string): string {
  return new Date(Date.parse(instant) - 1).toISOString();
}

function justAfter(instant: string): string {
  return new Date(Date.parse(instant) + 1).toISOString();
}

describe('the default SLA tables', () => {
  it.each(cells)(
    'give $risk risk strictly less time in $stage in wartime than in peacetime',
    ({ stage, risk }) => {
      expect(DEFAULT_SLA.wartime[stage][risk]).toBeLessThan(DEFAULT_SLA.peacetime[stage][risk]);
    },
  );

  it('never give a more urgent incident more time than a less urgent one', () => {
    for (const mode of ['peacetime', 'wartime'] as const) {
      for (const stage of TIMED_STAGES) {
        const { high, medium, low } = DEFAULT_SLA[mode][stage];
        expect(high).toBeLessThanOrEqual(medium);
        expect(medium).toBeLessThanOrEqual(low);
      }
    }
  });
});

describe('deadlines', () => {
  it('run from when the incident entered the stage, by its risk level and the mode', () => {
    const incident = incidentIn('resolve');
    expect(deadlineFor(incident, 'resolve', 'peacetime')).toBe(
      addMinutes(T0, DEFAULT_SLA.peacetime.resolve.medium),
    );
    expect(deadlineFor(incident, 'resolve', 'wartime')).toBe(
      addMinutes(T0, DEFAULT_SLA.wartime.resolve.medium),
    );
  });

  it('do not exist for a stage the incident has not entered, nor for closed', () => {
    expect(deadlineFor(incidentIn('report'), 'resolve', 'peacetime')).toBeNull();
    expect(deadlineFor(incidentIn('closed'), 'closed', 'peacetime')).toBeNull();
  });

  it('time an ungraded incident as high risk', () => {
    const table: SlaConfig = {
      ...DEFAULT_SLA,
      peacetime: { ...DEFAULT_SLA.peacetime, report: { high: 15, medium: 60, low: 240 } },
    };
    expect(deadlineFor(incidentIn('report'), 'report', 'peacetime', table)).toBe(addMinutes(T0, 15));
  });

  it('use an admin-configured table when given one', () => {
    const table: SlaConfig = {
      ...DEFAULT_SLA,
      peacetime: { ...DEFAULT_SLA.peacetime, resolve: { high: 60, medium: 90, low: 120 } },
    };
    expect(deadlineFor(incidentIn('resolve'), 'resolve', 'peacetime', table)).toBe(addMinutes(T0, 90));
  });
});

describe('overdue', () => {
  const incident = incidentIn('assign');
  const deadline = addMinutes(T0, DEFAULT_SLA.peacetime.assign.medium);

  it('is not overdue a millisecond before the deadline', () => {
    expect(isOverdue(incident, justBefore(deadline), 'peacetime')).toBe(false);
  });

  it('is not overdue on the deadline itself', () => {
    expect(isOverdue(incident, deadline, 'peacetime')).toBe(false);
  });

  it('is overdue a millisecond after the deadline', () => {
    expect(isOverdue(incident, justAfter(deadline), 'peacetime')).toBe(true);
  });

  it('compares instants, not strings, when the clock writes China time', () => {
    const chinaTime = '2025-03-01T10:00:00+08:00'; // 02:00Z, exactly the two-hour peacetime deadline
    expect(deadline).toBe('2025-03-01T02:00:00.000Z');
    expect(isOverdue(incident, chinaTime, 'peacetime')).toBe(false);
    expect(isOverdue(incident, '2025-03-01T10:00:01+08:00', 'peacetime')).toBe(true);
  });

  it('can start on switching to wartime, for an incident that was on time in peacetime', () => {
    const now = addMinutes(T0, DEFAULT_SLA.wartime.assign.medium + 1);
    expect(isOverdue(incident, now, 'peacetime')).toBe(false);
    expect(isOverdue(incident, now, 'wartime')).toBe(true);
  });

  it('never applies to a closed incident', () => {
    const closed: Incident = incidentIn('closed');
    expect(isOverdue(closed, addMinutes(T0, 365 * 24 * 60), 'wartime')).toBe(false);
  });
});
