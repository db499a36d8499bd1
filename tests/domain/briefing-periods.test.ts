import { describe, expect, it } from 'vitest';
import {
  CHINA_OFFSET_MS,
  DAY_MS,
  OPEN_RISK_GRADES,
  TIMED_STAGES,
  arrivalBucketStarts,
  briefingLogStart,
  briefingSchema,
  briefingWindowSchema,
  buildBriefing,
  chinaDayStart,
  periodOf,
  previousPeriod,
  startOfChinaDay,
  type Briefing,
  type BriefingPeriod,
  type ChinaDay,
} from '../../src/domain';
import { briefingTruth } from '../support/briefing-truth';
import { COUNTY, UNITS, XIAGUAN, simulateDays, type Step } from '../support/simulated-days';

/**
 * Four simulated months of 大理市, 1 December 2025 to 31 March 2026 (a Tuesday); 太和街道 goes to wartime at
 * 10:00 on the last day. The weekly, monthly and quarterly briefings are checked against figures worked out
 * from the generator's record of each incident, over period bounds written out here by hand.
 */
const LAST_DAY = '2026-03-31';
const log = simulateDays('briefing-periods', LAST_DAY, 121);
const truth = briefingTruth(log);
const LATER = Date.parse('2026-06-01T00:00:00+08:00');
const WEEK_MS = 7 * DAY_MS;

/** [start, end] of each period beginning on `firsts`, the last ending the day before `after`. */
function stretches(firsts: readonly ChinaDay[], after: ChinaDay): [number, number][] {
  const starts = [...firsts, after].map(chinaDayStart);
  return firsts.map((_, i) => [starts[i]!, starts[i + 1]! - 1]);
}

function arrivalsIn(scope: string, start: number, end: number): Step[] {
  return truth.stepsIn(scope, start, end, (step) => step.action === 'open');
}

/** The arrivals of [start, end] per category, each bucketed by `bucketOf`. */
function arrivalsByCategory(start: number, end: number, buckets: number, bucketOf: (at: number) => number) {
  const expected: Record<string, number[]> = {};
  for (const step of arrivalsIn(COUNTY, start, end)) {
    const counts = (expected[step.incident.category] ??= new Array<number>(buckets).fill(0));
    counts[bucketOf(step.at)]! += 1;
  }
  return expected;
}

function expectOpenAtEnd(briefing: Briefing, end: number) {
  const open = truth.openAt(briefing.scope, end);
  expect(briefing.open.total).toBe(open.length);
  for (const stage of TIMED_STAGES)
    for (const grade of OPEN_RISK_GRADES)
      expect(briefing.open.byStage[stage][grade], `${stage}/${grade}`).toBe(
        open.filter(
          ({ step }) => step.incident.stage === stage && (step.incident.riskLevel ?? 'ungraded') === grade,
        ).length,
      );
  const overdue = new Map<string | null, number>();
  for (const { step } of open.filter((item) => item.overdue)) {
    const owners = step.incident.assignedUnitIds.length ? step.incident.assignedUnitIds : [null];
    for (const owner of owners) overdue.set(owner, (overdue.get(owner) ?? 0) + 1);
  }
  expect(new Map(briefing.overdueByUnit.map((row) => [row.unitId, row.count]))).toEqual(overdue);
  const rank = (step: Step) => ['high', 'medium', 'low'].indexOf(step.incident.riskLevel!);
  const top = open
    .filter(({ step }) => step.incident.riskLevel !== null)
    .sort(
      (a, b) =>
        rank(a.step) - rank(b.step) ||
        Date.parse(a.step.incident.createdAt) - Date.parse(b.step.incident.createdAt),
    )
    .slice(0, 10);
  expect(briefing.topRisks.map((risk) => [risk.id, risk.overdue])).toEqual(
    top.map(({ step, overdue }) => [step.incident.id, overdue]),
  );
}

describe('the periods of a briefing', () => {
  it.each([
    ['day', '2026-03-10', '2026-03-10', '2026-03-10'],
    ['week', '2026-03-09', '2026-03-09', '2026-03-15'],
    ['week', '2026-03-11', '2026-03-09', '2026-03-15'],
    ['week', '2026-03-15', '2026-03-09', '2026-03-15'],
    ['week', '2026-01-01', '2025-12-29', '2026-01-04'],
    ['month', '2026-03-31', '2026-03-01', '2026-03-31'],
    ['month', '2024-02-10', '2024-02-01', '2024-02-29'],
    ['month', '2026-02-01', '2026-02-01', '2026-02-28'],
    ['quarter', '2026-01-01', '2026-01-01', '2026-03-31'],
    ['quarter', '2026-05-20', '2026-04-01', '2026-06-30'],
    ['quarter', '2026-09-30', '2026-07-01', '2026-09-30'],
    ['quarter', '2026-12-31', '2026-10-01', '2026-12-31'],
  ] as const)('a %s holding %s runs from %s until %s', (period, day, from, until) => {
    expect(periodOf(period, day)).toEqual({ from, until });
  });

  it.each([
    ['day', '2026-03-01', '2026-02-28', '2026-02-28'],
    ['week', '2026-01-02', '2025-12-22', '2025-12-28'],
    ['month', '2026-03-15', '2026-02-01', '2026-02-28'],
    ['month', '2026-01-15', '2025-12-01', '2025-12-31'],
    ['quarter', '2026-02-10', '2025-10-01', '2025-12-31'],
  ] as const)('the %s before the one holding %s runs from %s until %s', (period, day, from, until) => {
    expect(previousPeriod(period, periodOf(period, day))).toEqual({ from, until });
  });

  it.each([
    ['day', '2026-03-10', '2026-03-03'],
    ['week', '2026-03-11', '2026-02-09'],
    ['month', '2026-03-15', '2025-12-01'],
    ['quarter', '2026-02-10', '2025-01-01'],
  ] as const)('a %s briefing of %s reads the log from the start of its baseline, %s', (period, day, from) => {
    expect(briefingLogStart(day, period)).toBe(chinaDayStart(from));
  });

  it.each([
    ['day', '2026-03-10', 24],
    ['week', '2026-03-10', 7],
    ['month', '2024-02-10', 29],
    ['month', '2026-03-10', 31],
    // 1 January 2026 is a Thursday: a short first week, then thirteen from Monday 5 January.
    ['quarter', '2026-02-10', 14],
    // 1 April 2024 is a Monday: thirteen whole weeks.
    ['quarter', '2024-05-10', 13],
  ] as const)('a %s holding %s counts its arrivals in %i buckets', (period, day, buckets) => {
    const span = periodOf(period, day);
    const starts = arrivalBucketStarts(period, span);
    expect(starts).toHaveLength(buckets);
    expect(starts[0]).toBe(chinaDayStart(span.from));
  });

  it('cuts a quarter into calendar weeks, Monday to Sunday', () => {
    const starts = arrivalBucketStarts('quarter', periodOf('quarter', '2026-02-10'));
    expect(starts.slice(0, 3)).toEqual(['2026-01-01', '2026-01-05', '2026-01-12'].map(chinaDayStart));
    expect(starts.at(-1)).toBe(chinaDayStart('2026-03-30'));
  });

  it.each([
    [{ day: '2026-03-10', period: 'fortnight' }, 'period', /one of day, week, month or quarter/],
    [{ day: '2026-03-10', period: 'Week' }, 'period', /one of day, week, month or quarter/],
    [{ day: '2026-03-10', period: null }, 'period', /one of day, week, month or quarter/],
    [{ day: '2026-02-30', period: 'month' }, 'day', /no such day/],
    [{ day: '2026-3-10', period: 'week' }, 'day', /YYYY-MM-DD/],
    [{ day: '2026-03-10T00:00', period: 'quarter' }, 'day', /YYYY-MM-DD/],
    [{ period: 'week' }, 'day', /expected string/],
  ])('refuses %j, naming the %s and why', (input, field, reason) => {
    const parsed = briefingWindowSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.path).toEqual([field]);
    expect(issue.message).toMatch(reason);
  });

  it('means a day unless told otherwise', () => {
    expect(briefingWindowSchema.parse({ day: '2026-03-10' })).toEqual({ day: '2026-03-10', period: 'day' });
  });
});

describe('a weekly briefing (每周分析), built from simulated months', () => {
  // Wednesday 25 March: the week of Monday 23 to Sunday 29 March, before the wartime switch.
  const weeks = stretches(
    ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'],
    '2026-03-30',
  );
  const [weekStart, weekEnd] = weeks.at(-1)!;
  const briefing = buildBriefing({
    events: log.events,
    scope: COUNTY,
    day: '2026-03-25',
    period: 'week',
    now: LATER,
  });

  it('covers Monday to Sunday and is valid against its schema', () => {
    expect(briefing).toMatchObject({
      period: 'week',
      day: '2026-03-25',
      from: '2026-03-23',
      until: '2026-03-29',
    });
    expect(briefing.asOf).toBe(new Date(weekEnd).toISOString());
    expect(briefingSchema.parse(briefing)).toEqual(briefing);
  });

  it('holds the week’s headline figures against the week before and the mean of the four before', () => {
    expect(briefing.headline).toEqual(truth.headline(COUNTY, weeks));
    expect(briefing.headline.find((line) => line.figure === 'arrivals')!.current).toBeGreaterThan(150);
  });

  it('counts the week’s arrivals by category and day', () => {
    expect(briefing.arrivals.bucket).toBe('day');
    expect(briefing.arrivals.byCategory).toEqual(
      arrivalsByCategory(weekStart, weekEnd, 7, (at) => Math.floor((at - weekStart) / DAY_MS)),
    );
  });

  it('stands at the week’s end for what is open, overdue and most at risk', () => {
    expectOpenAtEnd(briefing, weekEnd);
  });

  it('places the week’s arrivals per village', () => {
    const villages = new Map<string, number>();
    for (const step of arrivalsIn(COUNTY, weekStart, weekEnd)) {
      const code = step.incident.jurisdictionCode.slice(0, 12);
      villages.set(code, (villages.get(code) ?? 0) + 1);
    }
    expect(new Map(briefing.hotspots.villages.map((v) => [v.code, v.count]))).toEqual(villages);
  });

  it('in a week of peace, shows no orders', () => {
    expect(briefing.mode).toBe('peacetime');
    expect(briefing.orders).toBeNull();
  });

  it('for the week in progress, stands at now and is wartime if war came at any moment of it', () => {
    const now = Date.parse('2026-04-01T12:00:00+08:00');
    const current = buildBriefing({
      events: log.events,
      scope: COUNTY,
      day: '2026-04-01',
      period: 'week',
      now,
    });
    const thisWeek = stretches(
      ['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'],
      '2026-04-06',
    );
    thisWeek[4] = [thisWeek[4]![0], now];
    expect(current.asOf).toBe(new Date(now).toISOString());
    expect(current.headline).toEqual(truth.headline(COUNTY, thisWeek));
    expect(current.mode).toBe('wartime');
    const units = truth.ordersIn(COUNTY, chinaDayStart('2026-03-30'), now, now);
    expect(units.size).toBeGreaterThan(0);
    expect(
      new Map(
        current.orders!.byUnit.map((u) => [
          u.unitId,
          { issued: u.issued, acknowledged: u.acknowledged, late: u.late },
        ]),
      ),
    ).toEqual(units);
  });
});

describe('a monthly briefing (每月调度), built from simulated months', () => {
  const months = stretches(['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'], '2026-04-01');
  const [monthStart, monthEnd] = months.at(-1)!;
  const briefing = buildBriefing({
    events: log.events,
    scope: COUNTY,
    day: '2026-03-15',
    period: 'month',
    now: LATER,
  });

  it('covers the calendar month and is valid against its schema', () => {
    expect(briefing).toMatchObject({ period: 'month', from: '2026-03-01', until: '2026-03-31' });
    expect(briefingSchema.parse(briefing)).toEqual(briefing);
  });

  it('holds the month’s headline figures against the month before and the mean of the three before', () => {
    expect(briefing.headline).toEqual(truth.headline(COUNTY, months));
    expect(briefing.headline.find((line) => line.figure === 'arrivals')!.current).toBeGreaterThan(700);
  });

  it('counts the month’s arrivals by category and date', () => {
    expect(briefing.arrivals.bucket).toBe('day');
    expect(briefing.arrivals.byCategory).toEqual(
      arrivalsByCategory(monthStart, monthEnd, 31, (at) => Math.floor((at - monthStart) / DAY_MS)),
    );
    expect(briefing.arrivals.total).toBe(arrivalsIn(COUNTY, monthStart, monthEnd).length);
  });

  it('stands at the month’s end for what is open, overdue and most at risk', () => {
    expectOpenAtEnd(briefing, monthEnd);
  });

  it('is wartime for the war of its last day, with the whole month’s orders', () => {
    expect(briefing.mode).toBe('wartime');
    const units = truth.ordersIn(COUNTY, monthStart, monthEnd, monthEnd);
    expect(
      new Map(
        briefing.orders!.byUnit.map((u) => [
          u.unitId,
          { issued: u.issued, acknowledged: u.acknowledged, late: u.late },
        ]),
      ),
    ).toEqual(units);
    expect(briefing.orders!.issued).toBe([...units.values()].reduce((sum, unit) => sum + unit.issued, 0));
  });

  it('narrowed to a township out of the war, counts only its own and stays at peace', () => {
    const township = buildBriefing({
      events: log.events,
      scope: XIAGUAN,
      day: '2026-03-15',
      period: 'month',
      now: LATER,
    });
    expect(township.headline).toEqual(truth.headline(XIAGUAN, months));
    expect(township.mode).toBe('peacetime');
    expect(township.overdueByUnit.length).toBeGreaterThan(1);
    for (const row of township.overdueByUnit)
      if (row.unitId) expect(row.unitName).toBe(UNITS.find((unit) => unit.id === row.unitId)!.name);
  });
});

describe('a quarterly briefing (每季通报), built from simulated months', () => {
  // The log begins on the eve of 1 December: of the four quarters before, none began after it, so none is known.
  const quarters = stretches(
    ['2025-01-01', '2025-04-01', '2025-07-01', '2025-10-01', '2026-01-01'],
    '2026-04-01',
  );
  const [quarterStart, quarterEnd] = quarters.at(-1)!;
  const briefing = buildBriefing({
    events: log.events,
    scope: COUNTY,
    day: '2026-02-10',
    period: 'quarter',
    now: LATER,
  });

  it('holds the quarter’s headline figures against the quarter before and the mean of the four before', () => {
    expect(briefing).toMatchObject({ period: 'quarter', from: '2026-01-01', until: '2026-03-31' });
    expect(briefing.headline).toEqual(truth.headline(COUNTY, quarters));
    expect(briefingSchema.parse(briefing)).toEqual(briefing);
  });

  it('has no data, rather than zero, for quarters the log does not reach back to', () => {
    for (const line of briefing.headline)
      expect(line, line.figure).toMatchObject({ previous: null, baselineMean: null, baselinePeriods: 0 });
    // Told the log began later than its first event given, the week briefing drops the weeks before.
    const week = buildBriefing({
      events: log.events,
      scope: COUNTY,
      day: '2026-03-25',
      period: 'week',
      now: LATER,
      logStart: chinaDayStart('2026-03-09'),
    });
    const weeks = stretches(
      ['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'],
      '2026-03-30',
    );
    expect(week.headline).toEqual(truth.headline(COUNTY, weeks, chinaDayStart('2026-03-09')));
    expect(week.headline.every((line) => line.baselinePeriods === 2 && line.previous !== null)).toBe(true);
  });

  it('counts the quarter’s arrivals by calendar week', () => {
    const firstMonday = chinaDayStart('2025-12-29');
    const mondayOf = (at: number) => {
      const dayStart = startOfChinaDay(at);
      const weekday = new Date(dayStart + CHINA_OFFSET_MS).getUTCDay();
      return dayStart - ((weekday + 6) % 7) * DAY_MS;
    };
    expect(briefing.arrivals.bucket).toBe('week');
    expect(briefing.arrivals.byCategory).toEqual(
      arrivalsByCategory(quarterStart, quarterEnd, 14, (at) => (mondayOf(at) - firstMonday) / WEEK_MS),
    );
  });
});

describe('a briefing read from elsewhere', () => {
  const briefing = buildBriefing({
    events: log.events,
    scope: COUNTY,
    day: '2026-03-25',
    period: 'week',
    now: LATER,
  });

  it.each([
    ['a span that is not its period’s', { from: '2026-03-22' }, /runs from 2026-03-23 until 2026-03-29/],
    [
      'arrivals counted per hour in a week',
      { arrivals: { ...briefing.arrivals, bucket: 'hour' } },
      /per day/,
    ],
    [
      'a day too many',
      { arrivals: { ...briefing.arrivals, byCategory: { other: new Array<number>(8).fill(0) } } },
      /7 arrival buckets/,
    ],
    ['a period it does not know', { period: 'fortnight' }, /one of day, week, month or quarter/],
  ] as [string, Partial<Record<keyof Briefing, unknown>>, RegExp][])(
    'is refused with %s',
    (_, change, reason) => {
      const parsed = briefingSchema.safeParse({ ...briefing, ...change });
      expect(parsed.success).toBe(false);
      expect(parsed.error!.issues.map((issue) => issue.message).join('\n')).toMatch(reason);
    },
  );

  it('a day asks for the same briefing whether or not the period is named', () => {
    const request = { events: log.events, scope: COUNTY, day: '2026-03-25', now: LATER };
    expect(buildBriefing({ ...request, period: 'day' as BriefingPeriod })).toEqual(buildBriefing(request));
  });

  it('a period not yet begun is refused', () => {
    expect(() =>
      buildBriefing({
        events: log.events,
        scope: COUNTY,
        day: '2026-04-20',
        period: 'week',
        now: LATER - 60 * DAY_MS,
      }),
    ).toThrow(/has not begun/);
  });
});
