import { createHash, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheKeyFile } from '../../src/core/cache/cache-key';
import { LocalCache } from '../../src/core/cache/local-cache';
import { CACHE_MIGRATIONS } from '../../src/core/cache/migrations';
import { CACHE_PROJECTIONS } from '../../src/core/cache/projections';
import {
  DEFAULT_SLA,
  DIFFICULTIES,
  INCIDENT_CATEGORIES,
  RISK_LEVELS,
  applyAction,
  chinaDayOf,
  openIncident,
  type HubEvent,
  type HubEventDraft,
  type Incident,
  type LifecycleAction,
  type Operator,
} from '../../src/domain';
import { seededRandom, type Random } from '../../src/regions/seeded-random';
import { PREFECTURE, pointsInDali, villageCodes } from '../hub/dali';
import type { Cleanup } from './cleanup';
import { BENCH_DIR } from './paths';
import type { Progress } from './progress';

/** Where generated caches are kept between runs (gitignored). */
export const DATASET_DIR = join(BENCH_DIR, '.data');
/** Events per batch applied to the cache, as the hub's catch-up sends them. */
const BATCH = 5_000;
const MINUTE_MS = 60_000;
/** The incidents' creation times are spread evenly over this many days, ending when the cache is made. */
const SPREAD_DAYS = 30;
/** The time between one step of an incident's life and the next; a step that would fall after the end is not taken. */
const STEP_MINUTES = 20;

/** Titles with their descriptions; half of them say 纠纷, so a text search matches about half the queue. */
const REPORTS: readonly [string, string][] = [
  ['邻里纠纷', '村民反映相邻宅基地边界不清，双方多次争执'],
  ['噪音扰民', '夜间施工噪音影响周边住户休息'],
  ['土地承包纠纷', '承包地流转合同到期后双方对续约条件有分歧'],
  ['道路积水', '暴雨后村道低洼处积水，车辆通行困难'],
  ['婚姻家庭纠纷', '夫妻因家庭财产分配发生争吵，邻居报告'],
  ['消防隐患', '商铺门前堆放杂物堵塞消防通道'],
  ['劳资纠纷', '工地务工人员反映工资被拖欠两个月'],
  ['盗窃线索', '村民反映夜间有陌生人在牲畜圈附近徘徊'],
];
const SOURCES = ['grid-worker', 'citizen-qr', 'hotline', 'sweep'] as const;
const UNITS = ['unit-police', 'unit-justice', 'unit-petition', 'unit-township'];
const ACTOR: Operator = {
  id: 'bench-operator',
  name: '值班员',
  role: 'operator',
  jurisdictionCode: PREFECTURE,
};

export interface IncidentDataset {
  /** The run's own copy, free to change. */
  file: string;
  /** The kept original it was copied from. */
  keptFile: string;
  incidents: number;
  /** Whether this run had to make it (no kept one fitted). */
  generated: boolean;
  generateSeconds: number;
}

/**
 * What the kept file's name depends on besides its size: this generator's own text, the cache's format (its
 * schema version and projections, which a newer core would otherwise rebuild on every copy) and the China day it
 * was made on, since "today's arrivals" count only today's incidents.
 */
function datasetKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update(`schema ${CACHE_MIGRATIONS.length}`);
  for (const projection of CACHE_PROJECTIONS) hash.update(` ${projection.name}@${projection.version}`);
  return `${chinaDayOf(Date.now())}-${hash.digest('hex').slice(0, 12)}`;
}

/**
 * The steps of incident `n` after it is reported. A third are assessed and graded (`n % 3 === 0`); of those, a
 * quarter are resolved (half of them followed up and closed), a quarter are with the units, a quarter assigned
 * and not yet acknowledged, a quarter wait to be assigned. One in twelve is dismissed at once; the rest wait to
 * be assessed.
 */
function lifeOf(n: number, at: (step: number) => string): LifecycleAction[] {
  const shape = n % 12;
  if (shape === 1) return [{ type: 'close', reason: '经核实为重复上报' }];
  if (shape % 3 !== 0) return [];
  const riskLevel = RISK_LEVELS[Math.floor(n / 3) % RISK_LEVELS.length]!;
  const unitId = UNITS[n % UNITS.length]!;
  const steps: LifecycleAction[] = [
    { type: 'assess', riskLevel },
    { type: 'assign', unitIds: [unitId], deadline: at(72 * 60) },
    { type: 'acknowledge', unitId, note: '已接单' },
    {
      type: 'resolve',
      summary: '双方达成调解协议',
      difficulty: DIFFICULTIES[n % DIFFICULTIES.length]!,
    },
    { type: 'recordFollowUp', satisfaction: 'satisfied', note: '当事人表示满意' },
  ];
  const taken = { 0: n % 24 === 0 ? 5 : 4, 3: 3, 6: 2, 9: 1 }[shape as 0 | 3 | 6 | 9];
  return steps.slice(0, taken);
}

const pick = <T>(items: readonly T[], random: Random): T => items[Math.floor(random() * items.length)]!;

/**
 * Incident `n` opened at `openedAt` and walked through its life by the domain's lifecycle, up to `endMs`. What
 * it is about and where come from `random`, so they do not follow its stage.
 */
export function incidentEvents(
  n: number,
  openedAt: number,
  endMs: number,
  place: { location: [number, number]; villages: readonly string[] },
  random: Random,
): HubEventDraft[] {
  const [title, description] = pick(REPORTS, random);
  const jurisdictionCode = pick(place.villages, random);
  const opened = openIncident(
    {
      id: `bench-${n}`,
      kind: random() < 0.3 ? 'case' : 'dispute',
      category: pick(INCIDENT_CATEGORIES, random),
      title: `${title} ${n}`,
      description,
      jurisdictionCode,
      location: place.location,
      address: `${jurisdictionCode} 号`,
      reporter: { name: '张某', phone: '13800000000' },
      source: pick(SOURCES, random),
      monitoringPointId: null,
    },
    new Date(openedAt).toISOString(),
  );
  const drafts = [...opened.events];
  let incident: Incident = opened.incident;
  const at = (minutes: number) => new Date(openedAt + minutes * MINUTE_MS).toISOString();
  const steps = lifeOf(n, at);
  for (const [index, action] of steps.entries()) {
    const stepAt = openedAt + (index + 1) * STEP_MINUTES * MINUTE_MS;
    if (stepAt > endMs) break;
    const result = applyAction(incident, action, {
      actor: ACTOR,
      at: new Date(stepAt).toISOString(),
      mode: 'peacetime',
      sla: DEFAULT_SLA,
    });
    if (!result.ok) throw new Error(`incident ${n}: ${action.type} refused: ${result.reason}`);
    incident = result.incident;
    drafts.push(...result.events);
  }
  return drafts;
}

/** Writes a cache holding `count` incidents created over the last days up to now, in batches of 5,000 events. */
function generate(file: string, count: number, progress: Progress): void {
  const positions = pointsInDali(2_000);
  const villages = villageCodes();
  const random = seededRandom('bench-incidents');
  const endMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const spreadMs = SPREAD_DAYS * 24 * 60 * MINUTE_MS;
  const cache = new LocalCache(file);
  let pending: HubEventDraft[] = [];
  let seq = 0;
  const flush = (all: boolean) => {
    while (pending.length >= BATCH || (all && pending.length > 0)) {
      const events = pending
        .slice(0, BATCH)
        .map((draft) => ({ ...draft, seq: ++seq, id: randomUUID() }) as HubEvent);
      pending = pending.slice(BATCH);
      cache.apply({ after: events[0]!.seq - 1, through: seq, events });
    }
  };
  for (let n = 0; n < count; n += 1) {
    // Evenly spaced, oldest first (the order the hub would have sent them in), the last half a space before the end.
    const openedAt = Math.round(endMs - spreadMs + ((n + 0.5) * spreadMs) / count);
    const place = { location: positions[n % positions.length]!, villages };
    pending.push(...incidentEvents(n, openedAt, endMs, place, random));
    if (pending.length >= BATCH) {
      flush(false);
      progress.update(`${(n + 1).toLocaleString('en')} of ${count.toLocaleString('en')} incidents`);
    }
  }
  flush(true);
  cache.db.pragma('wal_checkpoint(TRUNCATE)');
  cache.close();
}

function copyCache(from: string, to: string): void {
  copyFileSync(from, to);
  copyFileSync(cacheKeyFile(from), cacheKeyFile(to));
}

/** Removes kept caches of this size made by another generator or on another day. */
function pruneStale(incidents: number, keep: string): void {
  for (const name of readdirSync(DATASET_DIR)) {
    if (name.startsWith(`incidents-${incidents}-`) && !name.startsWith(keep)) {
      rmSync(join(DATASET_DIR, name), { force: true });
    }
  }
}

/**
 * A desktop cache holding `incidents` incidents spread over Dali's villages, for a run to read: made once per
 * size (and day, and generator) under `bench/.data/`, and copied into `runDir` so the kept one is never changed.
 */
export function incidentDataset(
  incidents: number,
  { runDir, progress, cleanup }: { runDir: string; progress: Progress; cleanup: Cleanup },
): IncidentDataset {
  mkdirSync(DATASET_DIR, { recursive: true });
  const name = `incidents-${incidents}-${datasetKey()}.db`;
  const keptFile = join(DATASET_DIR, name);
  let generateSeconds = 0;
  const generated = !existsSync(keptFile);
  if (generated) {
    pruneStale(incidents, name);
    const started = performance.now();
    // Made under another name and renamed when whole, so an interrupted run leaves nothing that looks kept.
    const partial = join(DATASET_DIR, `partial-${process.pid}-${name}`);
    const removePartial = cleanup.add(() => {
      for (const suffix of ['', '.key', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    });
    generate(partial, incidents, progress);
    renameSync(cacheKeyFile(partial), cacheKeyFile(keptFile));
    renameSync(partial, keptFile);
    removePartial();
    generateSeconds = (performance.now() - started) / 1000;
  }
  progress.update(`${generated ? 'made' : 'kept from an earlier run'}: bench/.data/${name}; copying it`);
  const file = join(runDir, `cache-${incidents}.db`);
  copyCache(keptFile, file);
  return { file, keptFile, incidents, generated, generateSeconds };
}
