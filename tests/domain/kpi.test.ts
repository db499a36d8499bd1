import { describe, expect, it } from 'vitest';
import {
  SENSED_SOURCES,
  addChinaDays,
  buildBriefing,
  chinaDayStart,
  periodOf,
  kpiComparisonSchema,
  kpiLedgerOf,
  toMillis,
} from '../../src/domain';
import { COUNTY, XIAGUAN, simulateDays, type Step } from '../support/simulated-days';

const LAST_DAY = '2026-03-10';
const log = simulateDays('kpi', LAST_DAY, 20);
const HOUR = 3_600_000;
const WEEK = 7 * 24 * HOUR;
const LATER = Date.parse('2026-04-01T00:00:00+08:00');

/**
 * The seed's figures worked out again from the simulated truth — the states each incident passed through —
 * never from the event log.
 */
function truthOf(scope: string, from: number, until: number) {
  const inStretch = (at: number) => at >= from && at <= until;
  const mine = (step: Step) => step.incident.jurisdictionCode.startsWith(scope);
  const histories = log.histories.filter((history) => mine(history[0]!));
  const closes = histories.flatMap((history) =>
    history.filter(
      (step) =>
        inStretch(step.at) &&
        step.incident.stage === 'closed' &&
        step.incident.closure !== 'dismissed' &&
        history[history.indexOf(step) - 1]?.incident.stage !== 'closed',
    ),
  );
  const reported = histories.filter((history) => inStretch(history[0]!.at));
  const disputes = reported.filter((history) => history[0]!.incident.kind === 'dispute');
  const sensed = disputes.filter((history) => SENSED_SOURCES.includes(history[0]!.incident.source));
  const calls = histories.flat().filter((step) => step.action === 'recordFollowUp' && inStretch(step.at));
  const pleased = calls.filter((step) => step.incident.satisfaction !== 'dissatisfied');
  const taken = reported.filter(
    (history) => !history.some((step) => step.at <= until && step.incident.closure === 'dismissed'),
  );
  const resolved = taken.filter((history) =>
    history.some((step) => step.action === 'resolve' && step.at <= until),
  );
  const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  return {
    handling: {
      closed: closes.length,
      meanHours:
        closes.length === 0
          ? null
          : closes.reduce((sum, step) => sum + step.at - toMillis(step.incident.createdAt), 0) /
            closes.length /
            HOUR,
    },
    capture: { disputes: disputes.length, sensed: sensed.length, rate: rate(sensed.length, disputes.length) },
    satisfaction: {
      calls: calls.length,
      satisfied: pleased.length,
      rate: rate(pleased.length, calls.length),
    },
    resolution: { taken: taken.length, resolved: resolved.length, rate: rate(resolved.length, taken.length) },
  };
}

describe('the seed’s figures, from the event log', () => {
  const ledger = kpiLedgerOf(log.events);
  const weekStart = chinaDayStart(addChinaDays(LAST_DAY, -6));
  const weekEnd = chinaDayStart(addChinaDays(LAST_DAY, 1)) - 1;

  it.each([
    ['the county, the last week', COUNTY, weekStart, weekEnd],
    ['a township, the last week', XIAGUAN, weekStart, weekEnd],
    [
      'the county, one day in the middle',
      COUNTY,
      chinaDayStart('2026-03-01'),
      chinaDayStart('2026-03-02') - 1,
    ],
  ])('agree with the truth for %s', (_, scope, from, until) => {
    const figures = ledger.figures(scope, from, until);
    const truth = truthOf(scope, from, until);
    expect(figures.capture).toEqual(truth.capture);
    expect(figures.satisfaction).toEqual(truth.satisfaction);
    expect(figures.resolution).toEqual(truth.resolution);
    expect(figures.handling.closed).toBe(truth.handling.closed);
    expect(figures.handling.meanHours).toBeCloseTo(truth.handling.meanHours!, 9);
    // Every part is exercised: some sensed and some not, some calls pleased and some not, some left unresolved.
    expect(truth.capture.sensed).toBeGreaterThan(0);
    expect(truth.capture.sensed).toBeLessThan(truth.capture.disputes);
    expect(truth.satisfaction.satisfied).toBeLessThan(truth.satisfaction.calls);
    expect(truth.resolution.resolved).toBeLessThan(truth.resolution.taken);
  });

  it('read the same whatever order the log is folded in', () => {
    const reversed = kpiLedgerOf([...log.events].reverse());
    expect(reversed.figures(COUNTY, weekStart, weekEnd)).toEqual(ledger.figures(COUNTY, weekStart, weekEnd));
  });

  it('compare with the stretch before, or say there is none before the log', () => {
    const comparison = ledger.compare(COUNTY, weekStart, weekEnd, log.startsAt);
    expect(kpiComparisonSchema.parse(comparison)).toEqual(comparison);
    const before = truthOf(COUNTY, weekStart - 7 * 24 * HOUR, weekStart - 1);
    expect(comparison.previous!.capture).toEqual(before.capture);
    expect(comparison.captureChange).toBeCloseTo(
      (comparison.current.capture.rate! - before.capture.rate!) / before.capture.rate!,
      12,
    );
    // The log's twenty days hold no week before its first.
    const first = chinaDayStart(addChinaDays(LAST_DAY, -19));
    const earliest = ledger.compare(COUNTY, first, first + 7 * 24 * HOUR - 1, log.startsAt);
    expect(earliest).toMatchObject({ previous: null, captureChange: null });
  });
});

describe('the seed’s figures in a briefing', () => {
  it('are the period’s, beside the period before, from the truth', () => {
    const briefing = buildBriefing({
      events: log.events,
      scope: COUNTY,
      day: LAST_DAY,
      period: 'week',
      now: LATER,
    });
    const span = periodOf('week', LAST_DAY);
    const start = chinaDayStart(span.from);
    const end = chinaDayStart(addChinaDays(span.until, 1)) - 1;
    const current = truthOf(COUNTY, start, end);
    const before = truthOf(COUNTY, start - WEEK, start - 1);
    expect(briefing.kpis.current).toMatchObject({
      capture: current.capture,
      satisfaction: current.satisfaction,
      resolution: current.resolution,
    });
    expect(briefing.kpis.previous).toMatchObject({ capture: before.capture, resolution: before.resolution });
    expect(briefing.kpis.current.handling.meanHours).toBeCloseTo(current.handling.meanHours!, 9);
    expect(briefing.monitoring).toBeNull();
  });

  it('have no period before to compare when the log does not reach back to it', () => {
    const first = addChinaDays(LAST_DAY, -19);
    const briefing = buildBriefing({ events: log.events, scope: COUNTY, day: first, now: LATER });
    expect(briefing.kpis).toMatchObject({ previous: null, captureChange: null });
    expect(briefing.kpis.current.capture).toEqual(
      truthOf(COUNTY, chinaDayStart(first), chinaDayStart(addChinaDays(first, 1)) - 1).capture,
    );
  });
});
