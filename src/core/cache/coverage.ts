import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  CODE_LENGTH,
  ViewIndex,
  areaCoverage,
  cameraHealthOf,
  coverageCounts,
  coverageWithin,
  type BriefingMonitoring,
  type CameraHealth,
  furthestLatitude,
  type CameraClass,
  type CoverageCounts,
  type KeyPlace,
  type LngLat,
  type MonitoringPointKind,
  type AreaCoverage,
  type MonitoringStatus,
  type RoadSegment,
  type ViewPoint,
} from '../../domain';

/**
 * Coverage asks where every online point of the cache stands: a second or so for a whole Dali cache. It changes
 * slowly (a camera going dark moves it by a hair), so it is worked out again only when a point, place or road
 * has changed, and then at most this often.
 */
export const COVERAGE_REFRESH_MS = 30_000;

/** What the figures need of the coverage, by the village or grid each place, road and camera belongs to. */
export interface CoverageState {
  /** The instant the coverage was worked out. */
  at: number;
  counts: Map<string, CoverageCounts>;
  /** The counts summed for every jurisdiction above the places' own, so a table of a thousand villages reads each once. */
  rolledUp: Map<string, CoverageCounts>;
  /** Public video cameras working (online) and in all, by jurisdiction. */
  cameras: Map<string, [working: number, total: number]>;
}

interface Memo {
  fingerprint: string;
  state: CoverageState;
}

const memos = new WeakMap<Database.Database, Memo>();

/** Where the coverage last worked out is saved in the cache (see `savedCoverage`). */
const SAVED_COVERAGE_KEY = 'coverage';

function statementsOf(db: Database.Database) {
  return {
    fingerprint: db
      .prepare(
        `SELECT (SELECT COUNT(*) || '/' || IFNULL(SUM(version), 0) FROM monitoring_point_index) || ':' ||
           (SELECT COUNT(*) || '/' || IFNULL(SUM(version), 0) FROM entities WHERE kind IN ('key-place', 'road-segment'))`,
      )
      .pluck(),
    points: db
      .prepare(`SELECT jurisdiction, kind, camera_class, lng, lat, status FROM monitoring_point_index`)
      .raw(),
    targets: db.prepare(`SELECT kind, doc FROM entities WHERE kind IN ('key-place', 'road-segment')`).raw(),
    saved: db.prepare(`SELECT value FROM sync_state WHERE key = '${SAVED_COVERAGE_KEY}'`).pluck(),
    save: db.prepare(
      `INSERT INTO sync_state (key, value) VALUES ('${SAVED_COVERAGE_KEY}', ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
  };
}

const statementsByDatabase = new WeakMap<Database.Database, ReturnType<typeof statementsOf>>();

type PointRow = [string, MonitoringPointKind, CameraClass | null, number, number, MonitoringStatus];

function workOut(statements: ReturnType<typeof statementsOf>, at: number): CoverageState {
  const points: ViewPoint[] = [];
  const cameras = new Map<string, [number, number]>();
  for (const [code, kind, cameraClass, lng, lat, status] of statements.points.all() as PointRow[]) {
    const location: LngLat = [lng, lat];
    points.push({ kind, cameraClass, location, status });
    if (kind !== 'camera') continue;
    let tally = cameras.get(code);
    if (!tally) cameras.set(code, (tally = [0, 0]));
    tally[1] += 1;
    if (status === 'online') tally[0] += 1;
  }
  const places: KeyPlace[] = [];
  const roads: RoadSegment[] = [];
  for (const [kind, doc] of statements.targets.all() as [string, string][]) {
    if (kind === 'key-place') places.push(JSON.parse(doc) as KeyPlace);
    else roads.push(JSON.parse(doc) as RoadSegment);
  }
  const index = new ViewIndex(points, furthestLatitude(points.map((point) => point.location)));
  const counts = coverageCounts({ places, roads }, index);
  return { at, counts, rolledUp: rollUp(counts), cameras };
}

const LEVEL_LENGTHS = Object.values(CODE_LENGTH);

export function rollUp(counts: ReadonlyMap<string, CoverageCounts>): Map<string, CoverageCounts> {
  const sums = new Map<string, CoverageCounts>();
  for (const [code, entry] of counts) {
    for (const length of LEVEL_LENGTHS) {
      if (length > code.length) continue;
      const at = code.slice(0, length);
      let sum = sums.get(at);
      if (!sum) sums.set(at, (sum = { places: [0, 0], roads: [0, 0] }));
      sum.places[0] += entry.places[0];
      sum.places[1] += entry.places[1];
      sum.roads[0] += entry.roads[0];
      sum.roads[1] += entry.roads[1];
    }
  }
  return sums;
}

/** The coverage of `code` and everything below it: the same as `coverageWithin`, read off the roll-up. */
export function coverageIn(coverage: CoverageState, code: string): AreaCoverage {
  const sum = coverage.rolledUp.get(code);
  if (sum) return areaCoverage(sum.places, sum.roads);
  // A jurisdiction with no key place or road has none below it either; any other prefix is summed the long way.
  return LEVEL_LENGTHS.includes(code.length)
    ? areaCoverage([0, 0], [0, 0])
    : coverageWithin(coverage.counts, code);
}

/**
 * The coverage last worked out is kept in the cache too, with the fingerprint of what it was worked out from:
 * a desktop started again on an unchanged cache reads a few thousand rows' worth instead of passing over every
 * point (about half a second for Dali, while the wall waits for its first answers).
 */
const pair = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const savedCoverageSchema = z.object({
  fingerprint: z.string(),
  counts: z.array(z.tuple([z.string(), z.object({ places: pair, roads: pair })])),
  cameras: z.array(z.tuple([z.string(), pair])),
});

function savedCoverage(
  statements: ReturnType<typeof statementsOf>,
  fingerprint: string,
  now: number,
): CoverageState | undefined {
  const value = statements.saved.get();
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  const saved = savedCoverageSchema.safeParse(parsed);
  if (!saved.success || saved.data.fingerprint !== fingerprint) return undefined;
  const counts = new Map(saved.data.counts);
  return { at: now, counts, rolledUp: rollUp(counts), cameras: new Map(saved.data.cameras) };
}

function saveCoverage(
  statements: ReturnType<typeof statementsOf>,
  fingerprint: string,
  state: CoverageState,
): void {
  const value: z.infer<typeof savedCoverageSchema> = {
    fingerprint,
    counts: [...state.counts],
    cameras: [...state.cameras],
  };
  statements.save.run(JSON.stringify(value));
}

/** The coverage of everything the cache holds, as last worked out (see `COVERAGE_REFRESH_MS`). */
export function coverageState(db: Database.Database, now: number): CoverageState {
  let statements = statementsByDatabase.get(db);
  if (!statements) statementsByDatabase.set(db, (statements = statementsOf(db)));
  const memo = memos.get(db);
  if (memo && now - memo.state.at < COVERAGE_REFRESH_MS && now >= memo.state.at) return memo.state;
  const fingerprint = statements.fingerprint.get() as string;
  // Nothing changed: what was worked out still holds now.
  let state = memo?.fingerprint === fingerprint ? { ...memo.state, at: now } : undefined;
  state ??= memo ? undefined : savedCoverage(statements, fingerprint, now);
  if (!state) {
    state = workOut(statements, now);
    saveCoverage(statements, fingerprint, state);
  }
  memos.set(db, { fingerprint, state });
  return state;
}

/** The scope's public video cameras working, of all of them. */
export function healthWithin(coverage: CoverageState, scope: string): CameraHealth {
  let working = 0;
  let total = 0;
  for (const [code, [online, all]] of coverage.cameras) {
    if (!code.startsWith(scope)) continue;
    working += online;
    total += all;
  }
  return cameraHealthOf(working, total);
}

/** The scope's coverage and camera health as last worked out, for a briefing. */
export function briefingMonitoring(db: Database.Database, scope: string, now: number): BriefingMonitoring {
  const state = coverageState(db, now);
  return {
    ...coverageIn(state, scope),
    asOf: new Date(state.at).toISOString(),
    health: healthWithin(state, scope),
  };
}
