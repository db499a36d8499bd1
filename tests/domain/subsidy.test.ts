import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA,
  DEFAULT_SUBSIDY_RATES,
  addMinutes,
  applyAction,
  chinaMonthBounds,
  computeSubsidies,
  configureSubsidyRates,
  incidentSchema,
  isEntityInScope,
  isEventInScope,
  openIncident,
  operatorCommandSchema,
  projectEvent,
  resolveActionSchema,
  subsidyRatesSchema,
  subsidyReportSchema,
  type Difficulty,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type IncidentKind,
  type LifecycleAction,
  type Operator,
  type SubsidyRates,
  type SubsidyReport,
  type SubsidyTotal,
} from '../../src/domain';
import { COUNTY, TAIHE, XIAGUAN, simulateDays, type Step } from '../support/simulated-days';
import { incidentIn, contextFor, operatorWith, SAMPLE_ACTIONS } from './fixtures';

const PREFECTURE = '5329';
const YANGBI = '532922';
const YANGBI_GRID = '532922001001001';
const GRID = '532901003001001';
const OTHER_GRID = '532901003001002';
const VILLAGE = '532901003001';

const COMMANDER: Operator = {
  id: 'commander-1',
  name: '值班长',
  role: 'commander',
  jurisdictionCode: PREFECTURE,
};
const ADMIN: Operator = { id: 'admin-1', name: '管理员', role: 'sysadmin', jurisdictionCode: PREFECTURE };

/** China time, written as the centres write it. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

/** A log written by playing incidents through the domain's own lifecycle, event by event. */
class LogBuilder {
  readonly events: HubEvent[] = [];

  private record(drafts: readonly HubEventDraft[]): void {
    for (const draft of drafts) {
      const seq = this.events.length + 1;
      this.events.push({
        ...draft,
        seq,
        id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
      } as HubEvent);
    }
  }

  configure(jurisdictionCode: string, rates: SubsidyRates, at: string): this {
    const result = configureSubsidyRates({ jurisdictionCode, rates }, { actor: ADMIN, at });
    if (!result.ok) throw new Error(result.reason);
    this.record(result.events);
    return this;
  }

  act(incident: Incident, action: LifecycleAction, at: string): Incident {
    const result = applyAction(incident, action, {
      actor: COMMANDER,
      at,
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    if (!result.ok) throw new Error(`${incident.id} ${action.type}: ${result.reason}`);
    this.record(result.events);
    return result.incident;
  }

  /** A dispute (or case) reported a day before `resolvedAt`, handled, and resolved then. */
  resolved(
    id: string,
    jurisdictionCode: string,
    resolvedAt: string,
    difficulty: Difficulty | undefined,
    kind: IncidentKind = 'dispute',
    resolver?: string,
  ): Incident {
    const reportedAt = addMinutes(resolvedAt, -24 * 60);
    const opened = openIncident(
      {
        id,
        kind,
        category: 'neighbourhood',
        title: '宅基地边界纠纷',
        description: '',
        jurisdictionCode,
        location: [100.2, 25.6],
        address: '大理市',
        reporter: { name: '李某', phone: '13800000000' },
        source: 'grid-worker',
        monitoringPointId: null,
      },
      reportedAt,
    );
    this.record(opened.events);
    let incident = this.act(
      opened.incident,
      { type: 'assess', riskLevel: 'medium' },
      addMinutes(reportedAt, 30),
    );
    incident = this.act(
      incident,
      { type: 'assign', unitIds: ['unit-justice'], deadline: addMinutes(reportedAt, 7 * 24 * 60) },
      addMinutes(reportedAt, 60),
    );
    incident = this.act(
      incident,
      { type: 'acknowledge', unitId: 'unit-justice' },
      addMinutes(reportedAt, 90),
    );
    return this.act(
      incident,
      { type: 'resolve', summary: '双方达成调解协议', difficulty, ...(resolver ? { resolver } : {}) },
      resolvedAt,
    );
  }

  /** The reporter is dissatisfied, and the dispute goes back for another round. */
  reopened(incident: Incident, at: string): Incident {
    return this.act(incident, { type: 'recordFollowUp', satisfaction: 'dissatisfied', note: '不满意' }, at);
  }
}

const RATES_PREFECTURE: SubsidyRates = { simple: 50, ordinary: 150, complex: 350, major: 600 };
const RATES_COUNTY: SubsidyRates = { simple: 40, ordinary: 120, complex: 320, major: 520 };
const RATES_COUNTY_LATER: SubsidyRates = { simple: 60, ordinary: 200, complex: 400, major: 800 };
const RATES_TAIHE: SubsidyRates = { simple: 45, ordinary: 130, complex: 330, major: 530 };

function total(cases: Partial<Record<Difficulty, number>>, amount: number): SubsidyTotal {
  const all = { simple: 0, ordinary: 0, complex: 0, major: 0, ...cases };
  return { cases: all, count: Object.values(all).reduce((a, b) => a + b, 0), amount };
}

function march(log: LogBuilder, scope = PREFECTURE): SubsidyReport {
  return computeSubsidies({ events: log.events, scope, month: '2026-03' });
}

describe('the subsidy by case over a simulated month', () => {
  /**
   * 45 simulated days of 大理市 around March 2026, with rates set by the prefecture before the month, by the
   * county in the middle of it and by 太和街道 for itself; Yangbi's rates, beside the county, must not matter.
   * The expected figures come from the generator's record of each incident, never from the log.
   */
  const log = simulateDays('subsidy-month', '2026-04-05', 45);
  const configured = [
    { code: PREFECTURE, at: cst('2026-02-01T09:00:00'), rates: RATES_PREFECTURE },
    { code: COUNTY, at: cst('2026-03-15T10:00:00'), rates: RATES_COUNTY },
    { code: TAIHE, at: cst('2026-03-08T10:00:00'), rates: RATES_TAIHE },
    { code: COUNTY, at: cst('2026-03-25T10:00:00'), rates: RATES_COUNTY_LATER },
    { code: YANGBI, at: cst('2026-03-01T10:00:00'), rates: { simple: 1, ordinary: 2, complex: 3, major: 4 } },
  ];
  const events: HubEvent[] = [
    ...log.events,
    ...configured.map(
      ({ code, at, rates }, i) =>
        ({
          seq: log.events.length + i + 1,
          id: `rates-${i}`,
          type: 'subsidy.configured',
          jurisdiction: code,
          at,
          payload: { jurisdictionCode: code, rates, by: ADMIN.id },
        }) as HubEvent,
    ),
  ];
  const { start, end } = chinaMonthBounds('2026-03');

  /** The rates at `code` at `ms`: the latest set by the nearest jurisdiction above that had set any. */
  function ratesAt(code: string, ms: number): SubsidyRates {
    const applicable = configured
      .filter((c) => code.startsWith(c.code) && Date.parse(c.at) <= ms)
      .sort((a, b) => b.code.length - a.code.length || Date.parse(b.at) - Date.parse(a.at));
    return applicable[0]?.rates ?? DEFAULT_SUBSIDY_RATES;
  }

  /** Each dispute's first resolution in March, from the generator's truth. */
  const credited = log.histories
    .map((history) => history.find((step) => step.action === 'resolve'))
    .filter((step): step is Step => step !== undefined)
    .filter((step) => step.at >= start && step.at < end && step.incident.kind === 'dispute');

  function expectedTotals(keep: (step: Step) => boolean): SubsidyTotal {
    const sum = total({}, 0);
    for (const step of credited.filter(keep)) {
      const difficulty = step.incident.difficulty!;
      sum.cases[difficulty] += 1;
      sum.count += 1;
      sum.amount += ratesAt(step.incident.jurisdictionCode, step.at)[difficulty];
    }
    return sum;
  }

  const report = computeSubsidies({ events, scope: COUNTY, month: '2026-03' });

  it('is valid against its schema', () => {
    expect(subsidyReportSchema.parse(report)).toEqual(report);
  });

  it('exercises what the rule has to decide', () => {
    const resolvedTwice = log.histories.filter(
      (history) =>
        history.filter((step) => step.action === 'resolve' && step.at >= start && step.at < end).length > 1,
    );
    expect(resolvedTwice.length).toBeGreaterThan(0);
    expect(credited.some((step) => step.incident.jurisdictionCode.length === 12)).toBe(true);
    const casesResolved = log.histories
      .flat()
      .filter((s) => s.action === 'resolve' && s.incident.kind === 'case');
    expect(casesResolved.length).toBeGreaterThan(0);
    const countyRateChange = Date.parse(configured[1]!.at);
    expect(credited.some((step) => step.at < countyRateChange)).toBe(true);
    expect(credited.some((step) => step.at > countyRateChange)).toBe(true);
  });

  it('credits each grid worker, and each village’s own mediation, with what the truth says', () => {
    const places = [...new Set(credited.map((step) => step.incident.jurisdictionCode))].sort();
    expect(report.rows.map((row) => row.grid ?? row.village)).toEqual(places);
    for (const row of report.rows) {
      const place = row.grid ?? row.village;
      const { cases, count, amount } = row;
      expect({ cases, count, amount }, place).toEqual(
        expectedTotals((step) => step.incident.jurisdictionCode === place),
      );
      expect(row.village).toBe(place.slice(0, 12));
      expect(row.township).toBe(place.slice(0, 9));
    }
    expect(report.rows.some((row) => row.grid === null)).toBe(true);
  });

  it('totals per village, per township and overall', () => {
    for (const { village, township, ...sum } of report.villages) {
      expect(township).toBe(village.slice(0, 9));
      expect(sum).toEqual(expectedTotals((step) => step.incident.jurisdictionCode.startsWith(village)));
    }
    for (const { township, ...sum } of report.townships)
      expect(sum).toEqual(expectedTotals((step) => step.incident.jurisdictionCode.startsWith(township)));
    expect(report.townships.map((t) => t.township)).toEqual([...new Set(report.rows.map((r) => r.township))]);
    expect(report.overall).toEqual(expectedTotals(() => true));
    expect(report.overall.count).toBeGreaterThan(100);
    expect(report.ungraded).toBe(0);
  });

  it('keeps to its scope', () => {
    const taihe = computeSubsidies({ events, scope: TAIHE, month: '2026-03' });
    expect(taihe.townships.map((t) => t.township)).toEqual([TAIHE]);
    expect(taihe.overall).toEqual(expectedTotals((step) => step.incident.jurisdictionCode.startsWith(TAIHE)));
  });
});

describe('the rates in force', () => {
  it('are the county’s for its own villages and the prefecture’s for the counties beside it', () => {
    const log = new LogBuilder()
      .configure(PREFECTURE, RATES_PREFECTURE, cst('2026-01-01T09:00:00'))
      .configure(COUNTY, RATES_COUNTY, cst('2026-01-02T09:00:00'));
    log.resolved('in-county', GRID, cst('2026-03-10T10:00:00'), 'complex');
    log.resolved('beside', YANGBI_GRID, cst('2026-03-10T11:00:00'), 'complex');
    const report = march(log);
    expect(report.rows.map((row) => [row.grid, row.amount])).toEqual([
      [GRID, RATES_COUNTY.complex],
      [YANGBI_GRID, RATES_PREFECTURE.complex],
    ]);
  });

  it('are the defaults where nobody above has set any', () => {
    const log = new LogBuilder().configure(YANGBI, RATES_COUNTY, cst('2026-01-01T09:00:00'));
    log.resolved('d-1', GRID, cst('2026-03-10T10:00:00'), 'major');
    expect(march(log).overall).toEqual(total({ major: 1 }, DEFAULT_SUBSIDY_RATES.major));
  });

  it('change mid-month for the disputes resolved after the change only', () => {
    const log = new LogBuilder().configure(COUNTY, RATES_COUNTY, cst('2026-02-01T09:00:00'));
    log.resolved('before', GRID, cst('2026-03-10T10:00:00'), 'ordinary');
    log.configure(COUNTY, RATES_COUNTY_LATER, cst('2026-03-15T09:00:00'));
    log.resolved('after', GRID, cst('2026-03-20T10:00:00'), 'ordinary');
    // Set after the month: it reprices nothing in it.
    log.configure(COUNTY, { simple: 0, ordinary: 0, complex: 0, major: 0 }, cst('2026-04-01T00:00:00'));
    expect(march(log).overall).toEqual(
      total({ ordinary: 2 }, RATES_COUNTY.ordinary + RATES_COUNTY_LATER.ordinary),
    );
  });
});

describe('which disputes earn in a month', () => {
  it('counts a dispute in the China month it was resolved in, by the hour in China', () => {
    const log = new LogBuilder();
    log.resolved('last-minute', GRID, cst('2026-03-31T23:30:00'), 'simple');
    log.resolved('next-month', GRID, cst('2026-04-01T00:10:00'), 'simple');
    log.resolved('month-before', GRID, cst('2026-02-28T23:50:00'), 'simple');
    expect(march(log).overall.count).toBe(1);
    expect(computeSubsidies({ events: log.events, scope: PREFECTURE, month: '2026-04' }).overall.count).toBe(
      1,
    );
    expect(computeSubsidies({ events: log.events, scope: PREFECTURE, month: '2026-02' }).overall.count).toBe(
      1,
    );
  });

  it('counts a reopened dispute once, at its first resolution and its first grade', () => {
    const log = new LogBuilder();
    let twice = log.resolved('twice-in-march', GRID, cst('2026-03-05T10:00:00'), 'simple');
    twice = log.reopened(twice, cst('2026-03-06T10:00:00'));
    log.act(
      twice,
      { type: 'resolve', summary: '再次组织调解', difficulty: 'major' },
      cst('2026-03-09T10:00:00'),
    );
    let across = log.resolved('february-then-march', GRID, cst('2026-02-25T10:00:00'), 'ordinary');
    across = log.reopened(across, cst('2026-02-27T10:00:00'));
    log.act(
      across,
      { type: 'resolve', summary: '再次组织调解', difficulty: 'ordinary' },
      cst('2026-03-03T10:00:00'),
    );

    expect(march(log).overall).toEqual(total({ simple: 1 }, DEFAULT_SUBSIDY_RATES.simple));
    expect(computeSubsidies({ events: log.events, scope: PREFECTURE, month: '2026-02' }).overall).toEqual(
      total({ ordinary: 1 }, DEFAULT_SUBSIDY_RATES.ordinary),
    );
  });

  it('pays nothing for a dismissed report, nor for one the log shows dismissed after its resolution', () => {
    const log = new LogBuilder();
    const opened = openIncident(
      { ...incidentIn('report'), id: 'duplicate', jurisdictionCode: GRID, reporter: null },
      cst('2026-03-02T10:00:00'),
    );
    log.act(opened.incident, { type: 'close', reason: '重复上报，已并案' }, cst('2026-03-02T11:00:00'));
    const resolved = log.resolved('dismissed-later', GRID, cst('2026-03-10T10:00:00'), 'major');
    // The lifecycle cannot dismiss a resolved dispute; a log from elsewhere still might.
    const dismissed: Incident = {
      ...resolved,
      stage: 'closed',
      closure: 'dismissed',
      version: resolved.version + 1,
    };
    log.events.push({
      seq: log.events.length + 1,
      id: '00000000-0000-4000-8000-999999999999',
      type: 'incident.closed',
      jurisdiction: GRID,
      at: cst('2026-04-02T10:00:00'),
      payload: { incident: dismissed, by: ADMIN.id, closure: 'dismissed', reason: '经核实系虚假上报' },
    });
    log.resolved('paid', GRID, cst('2026-03-11T10:00:00'), 'simple');
    expect(march(log).overall).toEqual(total({ simple: 1 }, DEFAULT_SUBSIDY_RATES.simple));
  });

  it('pays disputes only, credits village-level filings to the village, and counts ungraded ones apart', () => {
    const log = new LogBuilder();
    log.resolved('case', GRID, cst('2026-03-10T10:00:00'), undefined, 'case');
    log.resolved('graded-case', GRID, cst('2026-03-10T10:00:00'), 'major', 'case');
    log.resolved('at-village', VILLAGE, cst('2026-03-11T10:00:00'), 'complex');
    log.resolved('in-grid', OTHER_GRID, cst('2026-03-12T10:00:00'), 'simple');
    const old = log.resolved('before-grading', GRID, cst('2026-03-13T10:00:00'), 'simple');
    // As a log written before the grade was recorded has it: no difficulty at all.
    const { difficulty: _difficulty, ...ungraded } = old;
    (log.events.at(-1)!.payload as { incident: unknown }).incident = ungraded;

    const report = march(log);
    expect(report.rows).toEqual([
      { worker: null, grid: null, village: VILLAGE, township: XIAGUAN, ...total({ complex: 1 }, 300) },
      { worker: null, grid: OTHER_GRID, village: VILLAGE, township: XIAGUAN, ...total({ simple: 1 }, 30) },
    ]);
    expect(report.villages).toEqual([
      { village: VILLAGE, township: XIAGUAN, ...total({ complex: 1, simple: 1 }, 330) },
    ]);
    expect(report.ungraded).toBe(1);
  });

  it('credits each dispute to the grid worker who resolved it, by name, the unnamed ones to the grid as a whole', () => {
    const log = new LogBuilder();
    log.resolved('by-yang', GRID, cst('2026-03-10T10:00:00'), 'simple', 'dispute', '杨丽华');
    log.resolved('by-duan', GRID, cst('2026-03-11T10:00:00'), 'complex', 'dispute', '段建国');
    log.resolved('by-yang-again', GRID, cst('2026-03-12T10:00:00'), 'ordinary', 'dispute', '杨丽华');
    log.resolved('unnamed', GRID, cst('2026-03-13T10:00:00'), 'simple');
    log.resolved('village-level', VILLAGE, cst('2026-03-14T10:00:00'), 'major', 'dispute', '杨丽华');
    const rows = march(log).rows.map((row) => [row.grid, row.worker, row.count, row.amount]);
    const rates = DEFAULT_SUBSIDY_RATES;
    expect(rows).toEqual([
      [null, '杨丽华', 1, rates.major],
      [GRID, '杨丽华', 2, rates.simple + rates.ordinary],
      [GRID, '段建国', 1, rates.complex],
      [GRID, null, 1, rates.simple],
    ]);
  });

  it('holds nothing for a month without resolutions', () => {
    const report = march(new LogBuilder());
    expect(report).toEqual({
      month: '2026-03',
      scope: PREFECTURE,
      rows: [],
      villages: [],
      townships: [],
      overall: total({}, 0),
      ungraded: 0,
    });
  });
});

describe('grading a resolution', () => {
  const resolveIn = (kind: IncidentKind, action: LifecycleAction) =>
    applyAction({ ...incidentIn('resolve'), kind }, action, contextFor('operator'));

  it('is required for a dispute, with the reason', () => {
    const result = resolveIn('dispute', { type: 'resolve', summary: '双方达成调解协议' });
    expect(result).toMatchObject({ ok: false, code: 'precondition-failed' });
    expect(!result.ok && result.reason).toMatch(/dispute.*difficulty/);
  });

  it('is optional for a case, and recorded on the incident either way', () => {
    const ungraded = resolveIn('case', { type: 'resolve', summary: '已依法处理完毕' });
    expect(ungraded.ok && ungraded.incident.difficulty).toBeNull();
    const graded = resolveIn('dispute', SAMPLE_ACTIONS.resolve);
    expect(graded.ok && graded.incident.difficulty).toBe('ordinary');
  });

  it('keeps older incidents readable: no grade reads as null, and only a resolved incident has one', () => {
    const { difficulty: _difficulty, ...older } = incidentIn('closed');
    expect(incidentSchema.parse(older).difficulty).toBeNull();
    const premature = incidentSchema.safeParse({ ...incidentIn('assign'), difficulty: 'simple' });
    expect(premature.success).toBe(false);
    expect(premature.error!.issues[0]).toMatchObject({
      path: ['difficulty'],
      message: expect.stringMatching(/resolved/),
    });
  });
});

describe('bad inputs are refused with a clear reason', () => {
  const rates = (overrides: Record<string, unknown>) => ({ ...DEFAULT_SUBSIDY_RATES, ...overrides });

  it.each([
    [
      'a month without its leading zero',
      () => computeSubsidies({ events: [], scope: COUNTY, month: '2026-3' }),
      /YYYY-MM/,
    ],
    [
      'a thirteenth month',
      () => computeSubsidies({ events: [], scope: COUNTY, month: '2026-13' }),
      /01 to 12/,
    ],
    [
      'a day for a month',
      () => computeSubsidies({ events: [], scope: COUNTY, month: '2026-03-01' }),
      /YYYY-MM/,
    ],
    [
      'a scope that is no code',
      () => computeSubsidies({ events: [], scope: 'dali', month: '2026-03' }),
      /digits/,
    ],
    ['a negative rate', () => subsidyRatesSchema.parse(rates({ simple: -5 })), /not negative/],
    ['a rate above the ceiling', () => subsidyRatesSchema.parse(rates({ major: 10_001 })), /at most 10000/],
    ['a rate in fen', () => subsidyRatesSchema.parse(rates({ ordinary: 99.5 })), /whole yuan/],
    [
      'a harder case earning less',
      () => subsidyRatesSchema.parse(rates({ complex: 50 })),
      /never earns less/,
    ],
    ['a rate for an unknown grade', () => subsidyRatesSchema.parse(rates({ extreme: 900 })), /extreme/],
    ['a missing rate', () => subsidyRatesSchema.parse({ simple: 30, ordinary: 100, complex: 300 }), /major/],
    [
      'an unknown difficulty',
      () => resolveActionSchema.parse({ type: 'resolve', summary: '双方达成调解协议', difficulty: 'hard' }),
      /simple.*ordinary.*complex.*major/,
    ],
  ])('%s', (_case, attempt, reason) => {
    expect(attempt).toThrow(reason);
  });

  it('checks a rate command like the rates themselves', () => {
    const parsed = operatorCommandSchema.safeParse({
      type: 'configureSubsidyRates',
      commandId: '00000000-0000-4000-8000-000000000001',
      jurisdictionCode: COUNTY,
      rates: rates({ major: -1 }),
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]).toMatchObject({ path: ['rates', 'major'] });
  });
});

describe('configuring the rates', () => {
  const request = { jurisdictionCode: COUNTY, rates: RATES_COUNTY };
  const at = cst('2026-03-01T09:00:00');

  it('is the system administrator’s, within their own jurisdiction', () => {
    for (const role of ['viewer', 'operator', 'commander'] as const)
      expect(configureSubsidyRates(request, { actor: operatorWith(role), at })).toMatchObject({
        ok: false,
        code: 'role-not-permitted',
      });
    expect(configureSubsidyRates(request, { actor: operatorWith('sysadmin', YANGBI), at })).toMatchObject({
      ok: false,
      code: 'out-of-scope',
    });
    const accepted = configureSubsidyRates(request, { actor: operatorWith('sysadmin'), at });
    expect(accepted).toMatchObject({
      ok: true,
      events: [{ type: 'subsidy.configured', jurisdiction: COUNTY }],
    });
  });

  it('is inherited down the tree like the SLA tables, and seen from below', () => {
    const accepted = configureSubsidyRates(request, { actor: operatorWith('sysadmin'), at });
    if (!accepted.ok) throw new Error(accepted.reason);
    const event = { ...accepted.events[0]!, seq: 1, id: '00000000-0000-4000-8000-000000000001' } as HubEvent;
    const [entity] = projectEvent(event, () => undefined);
    expect(entity).toEqual({
      kind: 'subsidy-rates',
      id: COUNTY,
      jurisdiction: COUNTY,
      version: 1,
      doc: RATES_COUNTY,
    });
    expect(isEventInScope(event, TAIHE)).toBe(true);
    expect(isEntityInScope(entity!, GRID)).toBe(true);
    expect(isEventInScope(event, YANGBI)).toBe(false);
  });
});
