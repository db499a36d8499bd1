import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LogReplay,
  addChinaDays,
  buildBriefing,
  chinaDayOf,
  chinaDayStart,
  chinaHourOf,
  computeSubsidies,
  hubEventSchema,
  toMillis,
  type HubEvent,
  type Incident,
  type Operator,
} from '../../src/domain';
import { recordEvents } from '../../src/hub/projector';
import { openHubStore } from '../../src/hub/store';
import { DEMO_SPEED } from '../../src/sim/clock';
import { pastDays, type PastDaysRequest } from '../../src/sim/history';
import { planDay, startMinuteOfDay } from '../../src/sim/plan';
import { simRegion } from '../../src/sim/region-model';
import { hourlyRate } from '../../src/sim/rhythm';

const actor: Operator = {
  id: 'sim-commander',
  name: '模拟指挥长',
  role: 'commander',
  jurisdictionCode: '5329',
};
/** Noon on a fixed day, China time: two whole days before it, and its morning. */
const until = chinaDayStart('2026-03-10') + 12 * 3_600_000;
const request: PastDaysRequest = { regionId: 'dali', seed: 1001, days: 2, until, actor };
const drafts = pastDays(request);
const events = drafts.map(
  (draft, index) => ({ ...draft, seq: index + 1, id: crypto.randomUUID() }) as HubEvent,
);
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('the demo’s past days', () => {
  it('are valid events, in time order, none after the instant the live run takes over', () => {
    expect(events.length).toBeGreaterThan(1000);
    for (const event of events) expect(hubEventSchema.safeParse(event).success, event.type).toBe(true);
    const times = events.map((event) => toMillis(event.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(Math.max(...times)).toBeLessThanOrEqual(until);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(chinaDayStart(addChinaDays('2026-03-10', -2)));
  });

  it('are the same for the same seed and different for another', () => {
    expect(pastDays(request)).toEqual(drafts);
    expect(pastDays({ ...request, seed: 1002 }).length).not.toBe(drafts.length);
  });

  it('give every incident a life the log replays to its last snapshot', () => {
    const replay = new LogReplay(events).advanceTo(until);
    const last = new Map<string, Incident>();
    for (const event of events)
      if ('incident' in event.payload) last.set(event.payload.incident.id, event.payload.incident);
    const replayed = [...replay.all<Incident>('incident')];
    expect(replayed).toHaveLength(last.size);
    for (const { id, doc } of replayed) expect(doc, id).toEqual(last.get(id));
    const stages = new Set(replayed.map(({ doc }) => doc.stage));
    expect(stages).toContain('closed');
    expect(stages).toContain('resolve');
  });

  it('give yesterday a briefing with arrivals all day long', () => {
    const yesterday = chinaDayOf(until - 86_400_000);
    const briefing = buildBriefing({ events, scope: '5329', day: yesterday, now: until });
    const arrivals = briefing.headline.find((figure) => figure.figure === 'arrivals')!.current;
    expect(arrivals).toBeGreaterThan(150);
    const hours = Object.values(briefing.arrivals.byCategory).reduce(
      (sum, buckets) => buckets!.map((count, hour) => count + (sum[hour] ?? 0)),
      [] as number[],
    );
    expect(hours.filter((count) => count > 0).length).toBeGreaterThan(18);
  });

  it('are taken by a real hub store as they are', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-history-'));
    dirs.push(dir);
    const store = await openHubStore(`sqlite:${join(dir, 'hub.db')}`);
    const stored = await store.transaction((tx) => recordEvents(tx, drafts));
    expect(stored).toHaveLength(drafts.length);
    const incidents = new Set(
      drafts.flatMap((draft) => ('incident' in draft.payload ? [draft.payload.incident.id] : [])),
    );
    expect(await store.entitiesInScope('5329', 'incident')).toHaveLength(incidents.size);
    await store.close();
  });
});

describe('a simulated week as the demo records it, then runs it live', () => {
  /** 03:20 China time: the live run takes over in the quietest hours of the night. */
  const takeover = chinaDayStart('2026-03-10') + 3 * 3_600_000 + 20 * 60_000;
  const past = pastDays({ ...request, days: 7, until: takeover });
  const live = planDay('dali', 1, 'normal', 0, undefined, startMinuteOfDay('normal', takeover));
  const arrivals = [
    ...past.flatMap((draft) => {
      const isArrival =
        (draft.type === 'incident.reported' || draft.type === 'alarm.raised') &&
        draft.payload.incident.version === 1;
      return isArrival ? [toMillis(draft.at)] : [];
    }),
    ...live.items.flatMap((item) =>
      item.type === 'incident' ? [takeover + (item.at * 1000) / DEMO_SPEED] : [],
    ),
  ];
  const from = chinaDayStart('2026-03-03');
  const hours = Math.ceil((takeover + 86_400_000 - from) / 3_600_000);
  const perHour = new Array<number>(hours).fill(0);
  for (const at of arrivals) perHour[Math.floor((at - from) / 3_600_000)]! += 1;

  it('has no hour above four times the mean', () => {
    expect(arrivals.every((at) => at >= from && at < takeover + 86_400_000)).toBe(true);
    const mean = arrivals.length / hours;
    expect(mean).toBeGreaterThan(5);
    expect(Math.max(...perHour)).toBeLessThanOrEqual(4 * mean);
  });

  it('follows the day’s rhythm, hour by hour of the China day, across the takeover', () => {
    const byHourOfDay = new Array<number>(24).fill(0);
    for (const at of arrivals) byHourOfDay[chinaHourOf(at)]! += 1;
    const rhythm = byHourOfDay.map((_, hour) => hourlyRate(hour));
    expect(correlation(byHourOfDay, rhythm)).toBeGreaterThan(0.9);
    // The live run's first hours are the night's, not a working morning's.
    const firstLiveHours = perHour.slice(Math.floor((takeover - from) / 3_600_000), -21);
    const dayPeak = Math.max(...byHourOfDay) / 8;
    for (const count of firstLiveHours) expect(count).toBeLessThan(dayPeak / 2);
  });
});

function correlation(a: readonly number[], b: readonly number[]): number {
  const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  a.forEach((value, i) => {
    ab += (value - ma) * (b[i]! - mb);
    aa += (value - ma) ** 2;
    bb += (b[i]! - mb) ** 2;
  });
  return ab / Math.sqrt(aa * bb);
}

describe('the demo’s grid workers', () => {
  it('are named on their grid’s roll, and the past’s subsidies go to the one who resolved each dispute', () => {
    const rolls = new Map(
      simRegion('dali')
        .inventory.forces.filter((force) => force.kind === 'grid-worker')
        .map((force) => [force.jurisdictionCode, force.memberNames ?? []]),
    );
    for (const [grid, names] of [...rolls].slice(0, 200)) {
      expect(names.length, grid).toBeGreaterThan(0);
      expect(new Set(names).size, grid).toBe(names.length);
    }
    const month = chinaDayOf(until).slice(0, 7);
    const report = computeSubsidies({ events, scope: '5329', month });
    expect(report.rows.length).toBeGreaterThan(20);
    for (const row of report.rows) {
      expect(row.worker, row.grid ?? row.village).not.toBeNull();
      if (row.grid) expect(rolls.get(row.grid)).toContain(row.worker);
    }
  });
});
