import type Database from 'better-sqlite3';
import {
  CODE_LENGTH,
  DAY_MS,
  HOUR_MS,
  SATISFACTIONS,
  TIMED_STAGES,
  stagesAllowing,
  startOfChinaDay,
  type TimedStage,
} from '../../domain';
import { coverageIn, coverageState, healthWithin, type CoverageState } from './coverage';
import { kpiComparisonOf } from './kpis';
import { tallyReader, type TallyReader } from './projections/incident-tallies';
import {
  HOURS_IN_DAY,
  KPI_WINDOW_DAYS,
  WORST_VILLAGES,
  OPEN_RISK_GRADES,
  type Figures,
  type OpenRiskGrade,
  type TownshipCoverage,
} from '../contract/figures';

export interface FiguresOptions {
  /** A jurisdiction code: the figures cover every incident and monitoring point whose code starts with it. */
  scope: string;
  now: Date;
  /** Names for the coverage table; a township missing here is shown by its code. */
  townships: readonly { code: string; name: string }[];
  /** The villages the coverage ranks, with their names; none when left out. */
  villages?: readonly { code: string; name: string }[];
}

/** Today's arrivals are compared with the same hour of the days before. */
const BASELINE_DAYS = 7;

interface PointTally {
  online: number;
  total: number;
}

/**
 * The bounds of every code that starts with `scope`, as a range the (kind, jurisdiction) index can seek:
 * codes are digits, and ':' sorts right after '9'.
 */
function codeRange(scope: string): [from: string, to: string] {
  return [scope, `${scope}:`];
}

interface Fingerprinted<T> {
  /** Changes whenever anything the figures use of the jurisdiction changes. */
  fingerprint: string;
  value: T;
}

/** How one kind of entity is read per village or grid, and how to tell that a jurisdiction changed. */
interface JurisdictionReader<T> {
  /** The current fingerprint of every jurisdiction in [from, to) holding this kind. */
  fingerprints(
    from: string,
    to: string,
    remembered: ReadonlyMap<string, Fingerprinted<T>>,
  ): [code: string, fingerprint: string][];
  read(codes: readonly string[]): Map<string, Fingerprinted<T>>;
}

/**
 * What was last read of one kind of entity, per village or grid. Reading every document of a full Dali
 * cache takes about a second, while the wall asks for the figures every second or two and little changes
 * in between; so a jurisdiction is read again only when its fingerprint has changed.
 */
class JurisdictionMemo<T> {
  private readonly remembered = new Map<string, Fingerprinted<T>>();

  constructor(private readonly reader: JurisdictionReader<T>) {}

  /** The value of every jurisdiction in `scope` holding entities of this kind. */
  current(scope: string): [code: string, value: T][] {
    const [from, to] = codeRange(scope);
    const fingerprints = this.reader.fingerprints(from, to, this.remembered);
    const stale = fingerprints
      .filter(([code, fingerprint]) => this.remembered.get(code)?.fingerprint !== fingerprint)
      .map(([code]) => code);
    if (stale.length > 0) {
      for (const [code, entry] of this.reader.read(stale)) this.remembered.set(code, entry);
    }
    return fingerprints.flatMap(([code]): [string, T][] => {
      const entry = this.remembered.get(code);
      return entry ? [[code, entry.value]] : [];
    });
  }
}

/**
 * Monitoring points are never removed and every change raises a point's version, so a jurisdiction's
 * points are unchanged while their number and the sum of their versions are.
 */
function pointReader(db: Database.Database): JurisdictionReader<PointTally> {
  const fingerprints = db
    .prepare(
      `SELECT jurisdiction, COUNT(*) || '/' || SUM(version) FROM monitoring_point_index
       WHERE jurisdiction >= ? AND jurisdiction < ? GROUP BY jurisdiction`,
    )
    .raw();
  const tallies = db
    .prepare(
      `SELECT jurisdiction, COUNT(*) || '/' || SUM(version), SUM(status = 'online'), COUNT(*)
       FROM monitoring_point_index
       WHERE jurisdiction IN (SELECT value FROM json_each(?))
       GROUP BY jurisdiction`,
    )
    .raw();
  return {
    fingerprints: (from, to) => fingerprints.all(from, to) as [string, string][],
    read: (codes) =>
      new Map(
        (tallies.all(JSON.stringify(codes)) as [string, string, number, number][]).map(
          ([code, fingerprint, online, total]) => [code, { fingerprint, value: { online, total } }],
        ),
      ),
  };
}

interface Readers {
  points: JurisdictionMemo<PointTally>;
  tallies: TallyReader;
}

function createReaders(db: Database.Database): Readers {
  return {
    points: new JurisdictionMemo(pointReader(db)),
    tallies: tallyReader(db),
  };
}

const readersByDatabase = new WeakMap<Database.Database, Readers>();
const logStartStatements = new WeakMap<Database.Database, Database.Statement>();

/** The instant of the earliest event the cache holds; for an empty cache, `fallback`. */
function logStartOf(db: Database.Database, fallback: number): number {
  let statement = logStartStatements.get(db);
  if (!statement) logStartStatements.set(db, (statement = db.prepare('SELECT MIN(at) FROM events').pluck()));
  const at = statement.get() as string | null;
  return at === null ? fallback : Date.parse(at);
}

function readersFor(db: Database.Database): Readers {
  let readers = readersByDatabase.get(db);
  if (!readers) readersByDatabase.set(db, (readers = createReaders(db)));
  return readers;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function openCounts(rows: readonly { stage: string; risk: string; n: number }[]): Figures['open'] {
  const byStage = zeroCounts(TIMED_STAGES);
  const byRisk = zeroCounts(OPEN_RISK_GRADES);
  let total = 0;
  for (const { stage, risk, n } of rows) {
    if (stage === 'closed') continue;
    byStage[stage as TimedStage] += n;
    byRisk[risk as OpenRiskGrade] += n;
    total += n;
  }
  return { total, byStage, byRisk };
}

/**
 * Today's arrivals per hour against the mean of the days before that the log covers whole: a day that began
 * before the first event the cache holds (`logStart`) is partly or wholly unknown, so it is left out.
 */
function arrivals(tallies: TallyReader, scope: string, nowMs: number, logStart: number): Figures['arrivals'] {
  const todayStart = startOfChinaDay(nowMs);
  const baselineStart = todayStart - BASELINE_DAYS * DAY_MS;
  // The first midnight of the baseline at or after the log's start.
  const knownFrom = Math.min(
    todayStart,
    baselineStart + Math.max(0, Math.ceil((logStart - baselineStart) / DAY_MS)) * DAY_MS,
  );
  const baselineDays = (todayStart - knownFrom) / DAY_MS;
  const today = new Array<number>(HOURS_IN_DAY).fill(0);
  const baseline = new Array<number>(HOURS_IN_DAY).fill(0);
  for (const { hour: hourStart, n } of tallies.arrivalsBetween(scope, knownFrom, todayStart + DAY_MS)) {
    // baselineStart is a midnight, so whole hours from it give the hour of the day.
    const hour = Math.floor((hourStart - baselineStart) / HOUR_MS) % HOURS_IN_DAY;
    (hourStart >= todayStart ? today : baseline)[hour]! += n;
  }
  return {
    today,
    previousWeekMean: baselineDays === 0 ? null : baseline.map((count) => count / baselineDays),
    baselineDays,
    currentHour: Math.floor((nowMs - todayStart) / HOUR_MS),
  };
}

/**
 * One count per follow-up call, over everything the cache holds for the scope. A satisfied or basically
 * satisfied call closes the incident, so it is the incident's last verdict; each dissatisfied call
 * reopened it once, so those are its reopen count. This equals counting the `incident.followed-up` events
 * without reading the event log.
 */
function satisfaction(tallies: TallyReader, scope: string): Figures['satisfaction'] {
  const counts = zeroCounts(SATISFACTIONS);
  for (const { verdict, n } of tallies.byVerdict(scope)) counts[verdict] += n;
  const calls = counts.satisfied + counts['basically-satisfied'] + counts.dissatisfied;
  return { counts, satisfiedShare: share(counts.satisfied + counts['basically-satisfied'], calls) };
}

/** The stages out of which a commander may put an overdue incident under a supervision notice (督办). */
const SUPERVISABLE_STAGES: ReadonlySet<string> = new Set(
  stagesAllowing('issueSupervisionNotice', 'commander'),
);

/**
 * Open incidents past the deadline of their stage under the rules in force where each happened; and of them,
 * those a commander can put under a supervision notice now, by the rule the workspace offers it by.
 */
function overdue(tallies: TallyReader, scope: string, now: Date): { overdue: number; toSupervise: number } {
  let count = 0;
  let toSupervise = 0;
  for (const { stage, n } of tallies.overdue(scope, now)) {
    count += n;
    if (SUPERVISABLE_STAGES.has(stage)) toSupervise += n;
  }
  return { overdue: count, toSupervise };
}

/** No monitoring point at all is the worst coverage; after that the lowest online rate. */
function worstFirst(a: TownshipCoverage, b: TownshipCoverage): number {
  const rank = (township: TownshipCoverage) => township.rate ?? -1;
  return rank(a) - rank(b) || a.code.localeCompare(b.code);
}

/** Nothing to watch ranks first; after that the lowest share in view. */
function leastCoveredFirst(a: TownshipCoverage, b: TownshipCoverage): number {
  const rank = (row: TownshipCoverage) => row.coverage.overall.rate ?? -1;
  return rank(a) - rank(b) || a.code.localeCompare(b.code);
}

/** Online points per township or village, from the tallies per village or grid. */
function pointsBy(
  tallies: readonly [code: string, tally: PointTally][],
  length: number,
  codes: Iterable<string>,
): Map<string, PointTally> {
  const sums = new Map<string, PointTally>();
  for (const code of codes) sums.set(code, { online: 0, total: 0 });
  for (const [code, tally] of tallies) {
    if (code.length < length) continue;
    const at = code.slice(0, length);
    const sum = sums.get(at) ?? { online: 0, total: 0 };
    sums.set(at, { online: sum.online + tally.online, total: sum.total + tally.total });
  }
  return sums;
}

function rowsOf(
  sums: ReadonlyMap<string, PointTally>,
  names: ReadonlyMap<string, string>,
  coverage: CoverageState,
): TownshipCoverage[] {
  return [...sums].map(([code, sum]) => ({
    code,
    name: names.get(code) ?? code,
    ...sum,
    rate: share(sum.online, sum.total),
    coverage: coverageIn(coverage, code),
  }));
}

/**
 * Every monitoring point counts towards the online rate (cameras, vehicle checkpoints, face capture); the
 * coverage table adds them up by township, and lists the townships in scope that have none; beside each, the
 * share of its key places and roads in view. The villages shown are the scope's least covered.
 */
function monitoring(
  tallies: readonly [code: string, tally: PointTally][],
  coverage: CoverageState,
  options: FiguresOptions,
): Figures['monitoring'] {
  const inScope = (code: string) => code.startsWith(options.scope) || options.scope.startsWith(code);
  const townshipCodes = options.townships.map((township) => township.code).filter(inScope);
  const villageCodes = (options.villages ?? []).map((village) => village.code).filter(inScope);
  const names = new Map([...options.townships, ...(options.villages ?? [])].map((j) => [j.code, j.name]));
  let online = 0;
  let total = 0;
  for (const [, tally] of tallies) {
    online += tally.online;
    total += tally.total;
  }
  const townships = rowsOf(pointsBy(tallies, CODE_LENGTH.township, townshipCodes), names, coverage);
  const villages = rowsOf(pointsBy(tallies, CODE_LENGTH.village, villageCodes), names, coverage);
  return {
    online,
    total,
    rate: share(online, total),
    townships: townships.sort(worstFirst),
    villages: villages.sort(leastCoveredFirst).slice(0, WORST_VILLAGES),
    coverage: {
      ...coverageIn(coverage, options.scope),
      asOf: new Date(coverage.at).toISOString(),
    },
    health: healthWithin(coverage, options.scope),
  };
}

/**
 * The live figures of a jurisdiction, from the desktop cache: incidents from the tallies the cache keeps as it
 * applies events (a few rows per scope) and the overdue from the index of due times, monitoring points per
 * village or grid, remembered so a call reads only what changed since the last.
 */
export function computeFigures(db: Database.Database, options: FiguresOptions): Figures {
  const readers = readersFor(db);
  const nowMs = options.now.getTime();
  const at = options.now.toISOString();
  const { scope } = options;
  // One read transaction, so the incidents and the points are of the same moment.
  return db.transaction(() => {
    const logStart = logStartOf(db, nowMs);
    return {
      scope,
      asOf: at,
      open: openCounts(readers.tallies.byStageAndRisk(scope)),
      arrivals: arrivals(readers.tallies, scope, nowMs, logStart),
      kpis: kpiComparisonOf(db, scope, nowMs - KPI_WINDOW_DAYS * DAY_MS + 1, nowMs, logStart),
      satisfaction: satisfaction(readers.tallies, scope),
      ...overdue(readers.tallies, scope, options.now),
      monitoring: monitoring(readers.points.current(scope), coverageState(db, nowMs), options),
    };
  })();
}
