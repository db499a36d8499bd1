import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { CacheQueries } from '../../src/core/cache/queries';
import {
  QUEUE_RISKS,
  QUEUE_SORTS,
  type QueueFilter,
  type QueueRow,
  type QueueSort,
} from '../../src/core/contract/queue';
import { DUE_SOON_MS, IncidentQueue } from '../../src/core/queue/incident-queue';
import {
  HOUR_MS,
  INCIDENT_CATEGORIES,
  INCIDENT_KINDS,
  INCIDENT_SOURCES,
  STAGES,
  chinaDayStart,
  deadlineFor,
  modeInForce,
  riskRank,
  slaInForce,
  supervisingCentre,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type Operator,
} from '../../src/domain';
import { pastDays } from '../../src/sim/history';
import { testRandom } from '../support/test-seed';
import { tempDir } from './support/core-harness';

const actor: Operator = { id: 'sim', name: '模拟指挥长', role: 'commander', jurisdictionCode: '5329' };
const until = chinaDayStart('2026-03-10') + 15 * HOUR_MS;
const COUNTY = '532901';

/** A cache holding a day and a half of the demo's past, part of it under wartime in one county. */
function filledCache(): LocalCache {
  const drafts: HubEventDraft[] = pastDays({ regionId: 'dali', seed: 77, days: 1, until, actor });
  const since = drafts[Math.floor(drafts.length / 3)]!.at;
  drafts.splice(Math.floor(drafts.length / 3), 0, {
    type: 'mode.switched',
    jurisdiction: COUNTY,
    at: since,
    payload: {
      state: { jurisdictionCode: COUNTY, mode: 'wartime', since, reason: '防汛应急', switchedBy: 'sim' },
      previous: 'peacetime',
    },
  });
  const events = drafts.map((draft, i) => ({ ...draft, seq: i + 1, id: randomUUID() }) as HubEvent);
  const cache = new LocalCache(join(tempDir('pingan-queue-index-'), 'cache.db'));
  for (let from = 0; from < events.length; from += 1_000) {
    const batch = events.slice(from, from + 1_000);
    cache.apply({ after: from, through: batch.at(-1)!.seq, events: batch });
  }
  return cache;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const riskOrder = (row: QueueRow) => (row.riskLevel === null ? -1 : riskRank(row.riskLevel));
const ORDER: Record<QueueSort, (a: QueueRow, b: QueueRow) => number> = {
  deadline: (a, b) =>
    (a.deadline ?? '~') === (b.deadline ?? '~')
      ? byText(a.id, b.id)
      : byText(a.deadline ?? '~', b.deadline ?? '~'),
  updated: (a, b) => byText(b.updatedAt, a.updatedAt) || byText(a.id, b.id),
  created: (a, b) => byText(b.createdAt, a.createdAt) || byText(a.id, b.id),
  risk: (a, b) => riskOrder(a) - riskOrder(b) || byText(a.createdAt, b.createdAt) || byText(a.id, b.id),
};

/** The queue worked out by reading every incident, as a list in memory would: the reference. */
function reference(cache: LocalCache, filter: QueueFilter, sort: QueueSort, now: number) {
  const queries = new CacheQueries(cache.db, cache.personal);
  const incidents = (
    cache.db.prepare("SELECT id FROM entities WHERE kind = 'incident'").pluck().all() as string[]
  ).map((id) => queries.incidentDocs([id])[0]!);
  const modes = queries.modes();
  const slas = queries.slaConfigs();
  const text = filter.text?.toLowerCase();
  const byStage: Record<string, number> = {};
  const rows: {
    id: string;
    deadline: string | null;
    createdAt: string;
    updatedAt: string;
    riskLevel: Incident['riskLevel'];
    stage: string;
  }[] = [];
  for (const incident of incidents) {
    const code = incident.jurisdictionCode;
    const haystack = [
      incident.id,
      incident.title,
      incident.description,
      incident.address,
      incident.reporter?.name ?? '',
    ]
      .join('\n')
      .toLowerCase();
    if (filter.scope && !code.startsWith(filter.scope)) continue;
    if (filter.risks && !filter.risks.includes(incident.riskLevel ?? 'ungraded')) continue;
    if (filter.kinds && !filter.kinds.includes(incident.kind)) continue;
    if (filter.categories && !filter.categories.includes(incident.category)) continue;
    if (filter.sources && !filter.sources.includes(incident.source)) continue;
    if (filter.unitId && !incident.assignedUnitIds.includes(filter.unitId)) continue;
    const escalated = (incident.escalations?.length ?? 0) > 0;
    if (filter.supervisedBy && !(escalated && supervisingCentre(incident) === filter.supervisedBy)) continue;
    if (text && !haystack.includes(text) && incident.reporter?.phone !== filter.text) continue;
    const deadline = deadlineFor(incident, incident.stage, modeInForce(modes, code), slaInForce(slas, code));
    if (filter.overdueOnly && !(deadline !== null && Date.parse(deadline) < now)) continue;
    byStage[incident.stage] = (byStage[incident.stage] ?? 0) + 1;
    if (filter.stages && !filter.stages.includes(incident.stage)) continue;
    rows.push({ ...incident, deadline });
  }
  rows.sort(ORDER[sort] as unknown as (a: (typeof rows)[number], b: (typeof rows)[number]) => number);
  const left = (row: (typeof rows)[number]) =>
    row.deadline === null ? Infinity : Date.parse(row.deadline) - now;
  return {
    total: rows.length,
    byStage,
    overdue: rows.filter((row) => left(row) < 0).length,
    dueSoon: rows.filter((row) => left(row) >= 0 && left(row) <= DUE_SOON_MS).length,
    ids: rows.map((row) => row.id),
  };
}

function some<T>(random: () => number, values: readonly T[]): T[] | undefined {
  if (random() < 0.6) return undefined;
  return values.filter(() => random() < 0.5);
}

function randomFilter(random: () => number, incidents: readonly Incident[]): QueueFilter {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const sample = pick(incidents);
  const filter: QueueFilter = {
    stages: some(random, STAGES),
    risks: some(random, QUEUE_RISKS),
    kinds: some(random, INCIDENT_KINDS),
    categories: some(random, INCIDENT_CATEGORIES),
    sources: some(random, INCIDENT_SOURCES),
    scope: random() < 0.7 ? sample.jurisdictionCode.slice(0, pick([4, 6, 9, 12])) : undefined,
    overdueOnly: random() < 0.2 ? true : undefined,
    unitId: random() < 0.15 && sample.assignedUnitIds.length > 0 ? pick(sample.assignedUnitIds) : undefined,
    supervisedBy: random() < 0.1 ? sample.jurisdictionCode.slice(0, pick([4, 6, 9])) : undefined,
  };
  if (random() < 0.3) {
    const words = pick([sample.title, sample.address, sample.description, sample.id]);
    const from = Math.floor(random() * Math.max(1, words.length - 4));
    filter.text = words.slice(from, from + 1 + Math.floor(random() * 4)).trim() || undefined;
  }
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined)) as QueueFilter;
}

describe('the queue by index', () => {
  const cache = filledCache();
  const queue = new IncidentQueue(cache.db, cache.personal);
  const queries = new CacheQueries(cache.db, cache.personal);
  const incidents = (
    cache.db.prepare("SELECT id FROM entities WHERE kind = 'incident'").pluck().all() as string[]
  ).map((id) => queries.incidentDocs([id])[0]!);

  it('answers every filter and order exactly as a pass over every incident does', () => {
    const { random } = testRandom('the queue by index');
    expect(incidents.length).toBeGreaterThan(200);
    let nonEmpty = 0;
    for (let n = 0; n < 250; n += 1) {
      const filter = randomFilter(random, incidents);
      const sort = QUEUE_SORTS[n % QUEUE_SORTS.length]!;
      const now = until + Math.floor(random() * 12 * 60) * 60_000;
      const expected = reference(cache, filter, sort, now);
      const offset = Math.floor(random() * Math.min(expected.total, 300));
      const window = queue.window(filter, sort, offset, 50, { now });
      const label = JSON.stringify({ filter, sort, now, offset });
      expect(
        { total: window.total, byStage: window.byStage, overdue: window.overdue, dueSoon: window.dueSoon },
        label,
      ).toEqual({
        total: expected.total,
        byStage: expected.byStage,
        overdue: expected.overdue,
        dueSoon: expected.dueSoon,
      });
      expect(
        window.rows.map((row) => row.id),
        label,
      ).toEqual(expected.ids.slice(offset, offset + 50));
      if (expected.total > 0) nonEmpty += 1;
    }
    expect(nonEmpty).toBeGreaterThan(60);
  }, 240_000);

  it('finds a reporter by the whole phone number, which the index keeps only as a keyed digest', () => {
    const reported = incidents.find((incident) => incident.reporter?.phone);
    expect(reported).toBeDefined();
    const phone = reported!.reporter!.phone!;
    const ids = queue.window({ text: phone }, 'created', 0, 1000, { now: until }).rows.map((row) => row.id);
    expect(ids).toContain(reported!.id);
    const indexed = cache.db.prepare('SELECT * FROM incident_index').all();
    const texts = cache.db.prepare('SELECT text FROM incident_text').pluck().all();
    expect(JSON.stringify([indexed, texts])).not.toContain(phone);
  });

  it('takes any search text as text: operators, quotes, NUL, invisible characters and the longest allowed', () => {
    const hostile = [
      '"',
      '""',
      "'",
      '*',
      'NEAR(纠纷 调解)',
      'AND',
      'OR 1=1 --',
      'text:纠纷',
      '^纠纷',
      '%',
      '_',
      '\\',
      '\0',
      '纠\0纷',
      '\u200b',
      '纠\u200b纷',
      '\u202e纠纷',
      '😀',
      '\ud800',
      '纠纷'.repeat(100),
      'x'.repeat(200),
    ];
    for (const text of hostile) {
      const filter = { text };
      const expected = reference(cache, filter, 'updated', until);
      const window = queue.window(filter, 'updated', 0, 20, { now: until });
      expect(window.total, JSON.stringify(text)).toBe(expected.total);
      expect(window.rows.map((row) => row.id)).toEqual(expected.ids.slice(0, 20));
    }
  });
});
