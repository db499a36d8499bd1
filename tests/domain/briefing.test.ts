import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  OPEN_RISK_GRADES,
  TIMED_STAGES,
  addChinaDays,
  briefingSchema,
  buildBriefing,
  chinaDayOf,
  chinaDaySchema,
  chinaDayStart,
  chinaMinuteOfDay,
  startOfChinaDay,
  type Incident,
} from '../../src/domain';
import { briefingTruth } from '../support/briefing-truth';
import { COUNTY, TAIHE, UNITS, XIAGUAN, simulateDays } from '../support/simulated-days';

/**
 * Nine simulated days of 大理市 ending 10 March 2026; 太和街道 goes to wartime at 10:00 that day. Every figure
 * is worked out again here from the generator's own record of each incident, never from the event log.
 */
const DAY = '2026-03-10';
const log = simulateDays('briefing-week', DAY, 9);
const HOUR = 3_600_000;
const { openAt, stepsIn, headline, ordersIn } = briefingTruth(log);

function expectedHeadline(scope: string, now: number) {
  const dayStart = chinaDayStart(DAY);
  return headline(
    scope,
    Array.from({ length: 8 }, (_, i) => {
      const start = dayStart - (7 - i) * DAY_MS;
      return [start, i === 7 ? Math.min(now, start + DAY_MS - 1) : start + DAY_MS - 1] as const;
    }),
  );
}

describe('the daily briefing, built from a simulated week', () => {
  const endOfDay = chinaDayStart(DAY) + DAY_MS - 1;
  const briefing = buildBriefing({ events: log.events, scope: COUNTY, day: DAY, now: endOfDay + 5 * HOUR });

  it('is valid against its schema', () => {
    expect(briefingSchema.parse(briefing)).toEqual(briefing);
  });

  it('covers the day alone, its arrivals counted per hour', () => {
    expect(briefing).toMatchObject({ period: 'day', day: DAY, from: DAY, until: DAY });
    expect(briefing.arrivals.bucket).toBe('hour');
  });

  it('holds the headline figures of the day, the day before and the mean of the seven before', () => {
    expect(briefing.headline).toEqual(expectedHeadline(COUNTY, Number.POSITIVE_INFINITY));
    expect(briefing.headline.find((h) => h.figure === 'arrivals')!.current).toBeGreaterThan(15);
  });

  it('counts the day’s arrivals by category and China hour', () => {
    const expected: Record<string, number[]> = {};
    for (const step of stepsIn(COUNTY, chinaDayStart(DAY), endOfDay, (s) => s.action === 'open')) {
      const hour = Math.floor((step.at - chinaDayStart(DAY)) / HOUR);
      const hours = (expected[step.incident.category] ??= new Array<number>(24).fill(0));
      hours[hour] = hours[hour]! + 1;
    }
    expect(briefing.arrivals.byCategory).toEqual(expected);
    expect(briefing.arrivals.total).toBe(
      Object.values(expected)
        .flat()
        .reduce((a, b) => a + b, 0),
    );
  });

  it('breaks down what is open at the end of the day by stage and risk', () => {
    const open = openAt(COUNTY, endOfDay);
    for (const stage of TIMED_STAGES)
      for (const grade of OPEN_RISK_GRADES)
        expect(briefing.open.byStage[stage][grade], `${stage}/${grade}`).toBe(
          open.filter(
            ({ step }) => step.incident.stage === stage && (step.incident.riskLevel ?? 'ungraded') === grade,
          ).length,
        );
    expect(briefing.open.total).toBe(open.length);
  });

  it('lists the ten highest risks open, high first and the oldest first', () => {
    const rank = (i: Incident) => ['high', 'medium', 'low'].indexOf(i.riskLevel!);
    const expected = openAt(COUNTY, endOfDay)
      .filter(({ step }) => step.incident.riskLevel !== null)
      .sort(
        (a, b) =>
          rank(a.step.incident) - rank(b.step.incident) ||
          Date.parse(a.step.incident.createdAt) - Date.parse(b.step.incident.createdAt),
      )
      .slice(0, 10);
    expect(briefing.topRisks.map((r) => [r.id, r.overdue])).toEqual(
      expected.map(({ step, overdue }) => [step.incident.id, overdue]),
    );
    expect(briefing.topRisks[0]!.riskLevel).toBe('high');
  });

  it('counts overdue incidents per assigned unit, and those not yet assigned apart', () => {
    const counts = new Map<string | null, number>();
    for (const { step, overdue } of openAt(COUNTY, endOfDay)) {
      if (!overdue) continue;
      const owners = step.incident.assignedUnitIds.length ? step.incident.assignedUnitIds : [null];
      for (const owner of owners) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    }
    const got = new Map(briefing.overdueByUnit.map((row) => [row.unitId, row.count]));
    expect(got).toEqual(counts);
    for (const row of briefing.overdueByUnit)
      if (row.unitId) expect(row.unitName).toBe(UNITS.find((u) => u.id === row.unitId)!.name);
    const shown = briefing.overdueByUnit.map((row) => row.count);
    expect(shown).toEqual([...shown].sort((a, b) => b - a));
  });

  it('places the day’s arrivals per village for the hotspot map', () => {
    const arrivals = stepsIn(COUNTY, chinaDayStart(DAY), endOfDay, (s) => s.action === 'open');
    const villages = new Map<string, number>();
    for (const step of arrivals) {
      const code = step.incident.jurisdictionCode.slice(0, 12);
      villages.set(code, (villages.get(code) ?? 0) + 1);
    }
    expect(new Map(briefing.hotspots.villages.map((v) => [v.code, v.count]))).toEqual(villages);
    expect(briefing.hotspots.points).toHaveLength(arrivals.length);
  });

  it('in wartime, counts the day’s orders and each unit’s acknowledgements and late ones', () => {
    expect(briefing.mode).toBe('wartime');
    const units = ordersIn(COUNTY, chinaDayStart(DAY), endOfDay, endOfDay);
    expect(units.size).toBeGreaterThan(0);
    const got = new Map(
      briefing.orders!.byUnit.map((u) => [
        u.unitId,
        { issued: u.issued, acknowledged: u.acknowledged, late: u.late },
      ]),
    );
    expect(got).toEqual(units);
    for (const unit of briefing.orders!.byUnit)
      expect(unit.rate).toBeCloseTo(unit.acknowledged / unit.issued);
  });

  it('for the day in progress, stands at now rather than at the day’s end', () => {
    const now = chinaDayStart(DAY) + 15 * HOUR;
    const partial = buildBriefing({ events: log.events, scope: COUNTY, day: DAY, now });
    expect(partial.asOf).toBe(new Date(now).toISOString());
    expect(partial.headline).toEqual(expectedHeadline(COUNTY, now));
  });

  it('narrowed to a township in peacetime, counts only its own incidents and shows no orders', () => {
    const township = buildBriefing({ events: log.events, scope: XIAGUAN, day: DAY, now: endOfDay });
    expect(township.mode).toBe('peacetime');
    expect(township.orders).toBeNull();
    expect(township.headline).toEqual(expectedHeadline(XIAGUAN, endOfDay));
    const yesterday = buildBriefing({
      events: log.events,
      scope: TAIHE,
      day: addChinaDays(DAY, -1),
      now: endOfDay,
    });
    expect(yesterday.mode).toBe('peacetime');
  });
});

describe('a China day', () => {
  it.each([
    ['2026-03-10', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026/03/10', false],
    ['20260310', false],
    ['', false],
  ])('%j is a valid day: %s', (day, valid) => {
    expect(chinaDaySchema.safeParse(day).success).toBe(valid);
  });

  it('begins at midnight China time, 16:00 UTC the day before', () => {
    expect(new Date(chinaDayStart('2026-03-10')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('holds 08:30 China time at 00:30 UTC, a day apart from 23:59 UTC the evening before', () => {
    const morning = Date.parse('2026-03-10T00:30:00Z');
    expect(chinaMinuteOfDay(morning)).toBe(8 * 60 + 30);
    expect(startOfChinaDay(morning)).toBe(chinaDayStart('2026-03-10'));
    expect(chinaDayOf(Date.parse('2026-03-09T15:59:00Z'))).toBe('2026-03-09');
    expect(chinaDayOf(Date.parse('2026-03-09T16:00:00Z'))).toBe('2026-03-10');
  });
});
