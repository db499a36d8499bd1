import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFigures } from '../../src/core/cache/figures';
import { KPI_WINDOW_DAYS } from '../../src/core/contract/figures';
import { LocalCache } from '../../src/core/cache/local-cache';
import { CacheQueries } from '../../src/core/cache/queries';
import {
  DAY_MS,
  addMinutes,
  DEFAULT_SLA,
  HOUR_MS,
  RISK_LEVELS,
  SATISFACTIONS,
  TIMED_STAGES,
  availabilityRefusal,
  chinaDayStart,
  isOverdue,
  kpiLedgerOf,
  modeInForce,
  slaInForce,
  startOfChinaDay,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type Operator,
  type SlaConfig,
} from '../../src/domain';
import { pastDays } from '../../src/sim/history';
import { GRID, T0, incidentIn } from '../domain/fixtures';
import { testRandom } from '../support/test-seed';
import { tempDir } from './support/core-harness';

const actor: Operator = { id: 'sim', name: '模拟指挥长', role: 'commander', jurisdictionCode: '5329' };
const until = chinaDayStart('2026-03-10') + 15 * HOUR_MS;
const COUNTY = '532901';
const SCOPES = ['5329', COUNTY, '532901003', '532901003001', '532923'];

/** Half the allowances of the defaults, in peacetime and wartime: a county that runs a tighter ship. */
const halved = (table: SlaConfig['peacetime']): SlaConfig['peacetime'] => ({
  ...table,
  ...Object.fromEntries(
    TIMED_STAGES.map((stage) => [
      stage,
      Object.fromEntries(RISK_LEVELS.map((risk) => [risk, Math.ceil(table[stage][risk] / 2)])),
    ]),
  ),
});
const tighter: SlaConfig = {
  ...DEFAULT_SLA,
  peacetime: halved(DEFAULT_SLA.peacetime),
  wartime: halved(DEFAULT_SLA.wartime),
};

/** The demo's own past, with a switch to wartime and a county's SLA tables dropped in among it. */
function randomLog(random: () => number): HubEventDraft[] {
  const drafts = pastDays({ regionId: 'dali', seed: 2024, days: 2, until, actor });
  const at = (fraction: number) => drafts[Math.floor(fraction * drafts.length)]!.at;
  const rules: HubEventDraft[] = [
    {
      type: 'mode.switched',
      jurisdiction: COUNTY,
      at: at(0.5),
      payload: {
        state: {
          jurisdictionCode: COUNTY,
          mode: 'wartime',
          since: at(0.5),
          reason: '防汛应急',
          switchedBy: 'sim',
        },
        previous: 'peacetime',
      },
    },
    {
      type: 'sla.configured',
      jurisdiction: '532923',
      at: at(0.7),
      payload: { jurisdictionCode: '532923', config: tighter, by: 'sim' },
    },
    {
      type: 'mode.switched',
      jurisdiction: COUNTY,
      at: at(0.85),
      payload: {
        state: {
          jurisdictionCode: COUNTY,
          mode: 'peacetime',
          since: at(0.85),
          reason: '应急结束',
          switchedBy: 'sim',
        },
        previous: 'wartime',
      },
    },
  ];
  for (const rule of rules) drafts.splice(Math.floor(random() * drafts.length), 0, rule);
  return drafts;
}

/** The figures of `scope` worked out plainly from every incident and event in the cache. */
function fromScratch(cache: LocalCache, scope: string, nowMs: number) {
  const queries = new CacheQueries(cache.db);
  const incidents = (
    cache.db.prepare("SELECT doc FROM entities WHERE kind = 'incident'").pluck().all() as string[]
  )
    .map((doc) => JSON.parse(doc) as Incident)
    .filter((incident) => incident.jurisdictionCode.startsWith(scope));
  const logged = (
    cache.db.prepare('SELECT seq, id, type, jurisdiction, at, payload FROM events ORDER BY seq').all() as {
      seq: number;
      id: string;
      type: string;
      jurisdiction: string;
      at: string;
      payload: string;
    }[]
  ).map((event) => ({ ...event, payload: JSON.parse(event.payload) as unknown }) as HubEvent);
  const events = logged.filter((event) => event.jurisdiction.startsWith(scope));
  const logStart = Math.min(
    ...(cache.db.prepare('SELECT at FROM events').pluck().all() as string[]).map((at) => Date.parse(at)),
  );
  const open = incidents.filter((incident) => incident.stage !== 'closed');
  const at = new Date(nowMs).toISOString();
  const rulesOf = (incident: Incident) => ({
    at,
    mode: modeInForce(queries.modes(), incident.jurisdictionCode),
    sla: slaInForce(queries.slaConfigs(), incident.jurisdictionCode),
  });
  const overdue = open.filter((incident) => {
    const rules = rulesOf(incident);
    return isOverdue(incident, at, rules.mode, rules.sla);
  });
  const todayStart = startOfChinaDay(nowMs);
  const knownDays = [1, 2, 3, 4, 5, 6, 7].filter((n) => todayStart - n * DAY_MS >= logStart);
  const hourOfDay = (ms: number) => Math.floor((ms - todayStart + 7 * DAY_MS) / HOUR_MS) % 24;
  const arrivedOn = (dayStart: number, hour: number) =>
    incidents.filter((incident) => {
      const created = Date.parse(incident.createdAt);
      return created >= dayStart && created < dayStart + DAY_MS && hourOfDay(created) === hour;
    }).length;
  const hours = Array.from({ length: 24 }, (_, hour) => hour);
  const verdicts = events
    .filter((event) => event.type === 'incident.followed-up')
    .map((event) => (event.payload as { satisfaction: string }).satisfaction);
  return {
    open: {
      total: open.length,
      byStage: Object.fromEntries(
        TIMED_STAGES.map((stage) => [stage, open.filter((i) => i.stage === stage).length]),
      ),
      byRisk: Object.fromEntries(
        ['high', 'medium', 'low', 'ungraded'].map((risk) => [
          risk,
          open.filter((incident) => (incident.riskLevel ?? 'ungraded') === risk).length,
        ]),
      ),
    },
    today: hours.map((hour) => arrivedOn(todayStart, hour)),
    previousWeekMean:
      knownDays.length === 0
        ? null
        : hours.map(
            (hour) =>
              knownDays.reduce((sum, n) => sum + arrivedOn(todayStart - n * DAY_MS, hour), 0) /
              knownDays.length,
          ),
    satisfaction: Object.fromEntries(
      SATISFACTIONS.map((verdict) => [verdict, verdicts.filter((v) => v === verdict).length]),
    ),
    kpis: kpiLedgerOf(logged).compare(scope, nowMs - KPI_WINDOW_DAYS * DAY_MS + 1, nowMs, logStart),
    overdue: overdue.length,
    toSupervise: overdue.filter(
      (incident) =>
        availabilityRefusal(incident, 'issueSupervisionNotice', 'commander', rulesOf(incident)) === null,
    ).length,
  };
}

function incrementally(cache: LocalCache, scope: string, nowMs: number) {
  const figures = computeFigures(cache.db, { scope, now: new Date(nowMs), townships: [] });
  return {
    open: figures.open,
    today: figures.arrivals.today,
    previousWeekMean: figures.arrivals.previousWeekMean,
    satisfaction: figures.satisfaction.counts,
    kpis: figures.kpis,
    overdue: figures.overdue,
    toSupervise: figures.toSupervise,
  };
}

describe('figures kept as the cache applies events', () => {
  it('equal the figures worked out from scratch after every batch of a long random log', () => {
    const { random } = testRandom('figures kept as the cache applies events');
    const drafts = randomLog(random);
    const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: randomUUID() }) as HubEvent);
    const file = join(tempDir('pingan-incremental-figures-'), 'cache.db');
    const cache = new LocalCache(file);
    let compared = 0;
    let through = 0;
    while (through < events.length) {
      const size = 1 + Math.floor(random() * 600);
      const batch = events.slice(through, through + size);
      cache.apply({ after: through, through: batch.at(-1)!.seq, events: batch });
      through = batch.at(-1)!.seq;
      // Now, and later on when more is overdue: the clock moves the overdue without any event.
      // Before the end of the log as well, at a moment drawn afresh each batch: what was resolved or closed
      // after that moment is not counted yet.
      const withinLog = until - Math.floor(random() * 40 * 60) * 60_000;
      for (const nowMs of [
        withinLog,
        until - 20 * HOUR_MS - 7 * 60_000,
        until,
        until + 9 * HOUR_MS + 17 * 60_000,
      ]) {
        for (const scope of SCOPES) {
          expect(incrementally(cache, scope, nowMs), `${scope} after seq ${through}`).toEqual(
            fromScratch(cache, scope, nowMs),
          );
          compared += 1;
        }
      }
    }
    const whole = fromScratch(cache, '5329', until);
    // The log is long enough to count: incidents in every open stage, follow-ups of each verdict, overdue ones.
    expect(events.length).toBeGreaterThan(2_000);
    expect(whole.open.total).toBeGreaterThan(50);
    expect(Object.values(whole.satisfaction).every((n) => n > 0)).toBe(true);
    expect(whole.overdue).toBeGreaterThan(0);
    expect(compared).toBeGreaterThan(50);
    // Built again from the entities and the cache's own log, as after an upgrade: the same figures.
    const before = SCOPES.map((scope) => incrementally(cache, scope, until));
    cache.db.prepare("DELETE FROM sync_state WHERE key LIKE 'projection:%'").run();
    cache.close();
    const reopened = new LocalCache(file);
    expect(SCOPES.map((scope) => incrementally(reopened, scope, until))).toEqual(before);
    reopened.close();
  }, 240_000);

  it('count a dismissal or a resolution within a stretch only if it came before the stretch ended', () => {
    const reported = (id: string): Incident => ({ ...incidentIn('report'), id, version: 1, createdAt: T0 });
    const at = (hours: number) => addMinutes(T0, hours * 60);
    const drafts: HubEventDraft[] = [
      {
        type: 'incident.reported',
        jurisdiction: GRID,
        at: T0,
        payload: { incident: reported('dismissed-later'), by: 'sim' },
      },
      {
        type: 'incident.reported',
        jurisdiction: GRID,
        at: T0,
        payload: { incident: reported('resolved-later'), by: 'sim' },
      },
      {
        type: 'incident.resolved',
        jurisdiction: GRID,
        at: at(3),
        payload: { incident: { ...incidentIn('followUp'), id: 'resolved-later', createdAt: T0 }, by: 'sim' },
      },
      {
        type: 'incident.closed',
        jurisdiction: GRID,
        at: at(3),
        payload: {
          incident: { ...incidentIn('closed'), id: 'dismissed-later', closure: 'dismissed', createdAt: T0 },
          by: 'sim',
          closure: 'dismissed',
          reason: '重复上报',
        },
      },
    ] as HubEventDraft[];
    const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: randomUUID() }) as HubEvent);
    const cache = new LocalCache(join(tempDir('pingan-kpi-stretch-'), 'cache.db'));
    cache.apply({ after: 0, through: events.length, events });
    const ledger = kpiLedgerOf(events);
    for (const hours of [2.5, 3.5]) {
      const nowMs = Date.parse(at(hours));
      const figures = computeFigures(cache.db, { scope: GRID, now: new Date(nowMs), townships: [] });
      const expected = ledger.compare(GRID, nowMs - KPI_WINDOW_DAYS * DAY_MS + 1, nowMs, Date.parse(T0));
      expect(figures.kpis, `${hours} h after the reports`).toEqual(expected);
    }
    // Two and a half hours in, neither had happened: both are taken, neither resolved.
    expect(
      computeFigures(cache.db, { scope: GRID, now: new Date(at(2.5)), townships: [] }).kpis.current
        .resolution,
    ).toEqual({ taken: 2, resolved: 0, rate: 0 });
    cache.close();
  });
});
