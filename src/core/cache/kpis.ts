import type Database from 'better-sqlite3';
import { HOUR_MS, SENSED_SOURCES, kpiComparison, type KpiComparison, type KpiFigures } from '../../domain';

/** What a stretch's figures are made of: counts and a sum, so parts of a stretch add up. */
interface Sums {
  reported: number;
  disputes: number;
  sensed: number;
  taken: number;
  resolved: number;
  closed: number;
  handlingMs: number;
  calls: number;
  satisfied: number;
}

const SENSED = SENSED_SOURCES.map((source) => `'${source}'`).join(', ');
const IN_SCOPE = 'jurisdiction >= @scope AND jurisdiction < @scopeEnd';
const DISMISSED = "closure = 'dismissed' AND closed_ms IS NOT NULL";

const STATEMENTS = {
  // Part hours, from the records: reported in [lo, hi]; taken unless dismissed by `until`, and of those,
  // resolved by `until`.
  reported: `SELECT COUNT(*) AS reported,
       COALESCE(SUM(kind = 'dispute'), 0) AS disputes,
       COALESCE(SUM(kind = 'dispute' AND source IN (${SENSED})), 0) AS sensed,
       COALESCE(SUM(NOT dismissed), 0) AS taken,
       COALESCE(SUM(NOT dismissed AND first_resolved_ms IS NOT NULL AND first_resolved_ms <= @until), 0) AS resolved
     FROM (
       SELECT kind, source, first_resolved_ms, ${DISMISSED} AND closed_ms <= @until AS dismissed
       FROM kpi_record INDEXED BY kpi_record_created
       WHERE created_ms >= @lo AND created_ms <= @hi AND ${IN_SCOPE}
     )`,
  closed: `SELECT COUNT(*) AS closed, COALESCE(SUM(closed_ms - created_ms), 0) AS handlingMs
     FROM kpi_record INDEXED BY kpi_record_closed
     WHERE closed_ms >= @lo AND closed_ms <= @hi AND closure <> 'dismissed' AND ${IN_SCOPE}`,
  calls: `SELECT COUNT(*) AS calls, COALESCE(SUM(satisfied), 0) AS satisfied FROM kpi_call
     WHERE at_ms >= @lo AND at_ms <= @hi AND ${IN_SCOPE}`,
  // Whole hours [lo, hi), from the tallies.
  reportedTally: `SELECT COALESCE(SUM(reported), 0) AS reported, COALESCE(SUM(disputes), 0) AS disputes,
       COALESCE(SUM(sensed), 0) AS sensed, COALESCE(SUM(dismissed), 0) AS dismissed,
       COALESCE(SUM(resolved_kept), 0) AS resolvedKept
     FROM kpi_reported_tally WHERE scope = @scope AND hour >= @lo AND hour < @hi`,
  closedTally: `SELECT COALESCE(SUM(closed), 0) AS closed, COALESCE(SUM(handling_ms), 0) AS handlingMs
     FROM kpi_closed_tally WHERE scope = @scope AND hour >= @lo AND hour < @hi`,
  callsTally: `SELECT COALESCE(SUM(calls), 0) AS calls, COALESCE(SUM(satisfied), 0) AS satisfied
     FROM kpi_call_tally WHERE scope = @scope AND hour >= @lo AND hour < @hi`,
  // The tallies count dismissals and resolutions whenever they came; those after `until` are taken back.
  // Closed after `until`: a dismissal not yet made then (and whether it had been resolved by then).
  closedLate: `SELECT COALESCE(SUM(closure = 'dismissed'), 0) AS dismissedLate,
       COALESCE(SUM(closure = 'dismissed' AND first_resolved_ms IS NOT NULL AND first_resolved_ms <= @until), 0)
         AS resolvedThenDismissedLate
     FROM kpi_record INDEXED BY kpi_record_closed
     WHERE closed_ms > @until AND created_ms >= @lo AND created_ms < @hi AND ${IN_SCOPE}`,
  // First resolved after `until`, and never dismissed: counted as resolved in the tally, not yet then.
  resolvedLate: `SELECT COUNT(*) FROM kpi_record INDEXED BY kpi_record_resolved
     WHERE first_resolved_ms > @until AND created_ms >= @lo AND created_ms < @hi AND ${IN_SCOPE}
       AND NOT (${DISMISSED})`,
} as const;

type Statements = Record<keyof typeof STATEMENTS, Database.Statement>;
const statementsByDatabase = new WeakMap<Database.Database, Statements>();

function statementsFor(db: Database.Database): Statements {
  let statements = statementsByDatabase.get(db);
  if (!statements) {
    statements = Object.fromEntries(
      Object.entries(STATEMENTS).map(([name, sql]) => [name, db.prepare(sql)]),
    ) as Statements;
    statementsByDatabase.set(db, statements);
  }
  return statements;
}

interface Bounds {
  scope: string;
  scopeEnd: string;
  until: number;
}

/** The part of a stretch reported, closed or called in [lo, hi] (ms, both included), read from the records. */
function fromRecords(statements: Statements, bounds: Bounds, lo: number, hi: number): Sums {
  const at = { ...bounds, lo, hi };
  return {
    ...(statements.reported.get(at) as Pick<Sums, 'reported' | 'disputes' | 'sensed' | 'taken' | 'resolved'>),
    ...(statements.closed.get(at) as Pick<Sums, 'closed' | 'handlingMs'>),
    ...(statements.calls.get(at) as Pick<Sums, 'calls' | 'satisfied'>),
  };
}

/** The whole hours [lo, hi) of a stretch, from the tallies, less what happened only after its end. */
function fromTallies(statements: Statements, bounds: Bounds, lo: number, hi: number): Sums {
  const at = { ...bounds, lo, hi };
  const { scope } = bounds;
  const reported = statements.reportedTally.get({ scope, lo, hi }) as Pick<
    Sums,
    'reported' | 'disputes' | 'sensed'
  > & { dismissed: number; resolvedKept: number };
  const late = statements.closedLate.get(at) as { dismissedLate: number; resolvedThenDismissedLate: number };
  const resolvedLate = statements.resolvedLate.pluck().get(at) as number;
  return {
    reported: reported.reported,
    disputes: reported.disputes,
    sensed: reported.sensed,
    taken: reported.reported - (reported.dismissed - late.dismissedLate),
    resolved: reported.resolvedKept - resolvedLate + late.resolvedThenDismissedLate,
    ...(statements.closedTally.get({ scope, lo, hi }) as Pick<Sums, 'closed' | 'handlingMs'>),
    ...(statements.callsTally.get({ scope, lo, hi }) as Pick<Sums, 'calls' | 'satisfied'>),
  };
}

function added(parts: readonly Sums[]): Sums {
  const total: Sums = {
    reported: 0,
    disputes: 0,
    sensed: 0,
    taken: 0,
    resolved: 0,
    closed: 0,
    handlingMs: 0,
    calls: 0,
    satisfied: 0,
  };
  for (const part of parts) for (const key of Object.keys(total) as (keyof Sums)[]) total[key] += part[key];
  return total;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * The seed's figures of `scope` over [from, until] (ms, both included), as `KpiLedger.figures` defines them:
 * the whole hours from the tallies, the part hours at either end from the records.
 */
function kpiFigures(db: Database.Database, scope: string, from: number, until: number): KpiFigures {
  const statements = statementsFor(db);
  const bounds = { scope, scopeEnd: `${scope}:`, until };
  const wholeFrom = Math.ceil(from / HOUR_MS) * HOUR_MS;
  const wholeTo = Math.floor((until + 1) / HOUR_MS) * HOUR_MS;
  const parts =
    wholeFrom >= wholeTo
      ? [fromRecords(statements, bounds, from, until)]
      : [
          ...(from < wholeFrom ? [fromRecords(statements, bounds, from, wholeFrom - 1)] : []),
          fromTallies(statements, bounds, wholeFrom, wholeTo),
          ...(wholeTo <= until ? [fromRecords(statements, bounds, wholeTo, until)] : []),
        ];
  const sums = added(parts);
  return {
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    handling: {
      closed: sums.closed,
      meanHours: sums.closed === 0 ? null : sums.handlingMs / sums.closed / HOUR_MS,
    },
    capture: { disputes: sums.disputes, sensed: sums.sensed, rate: share(sums.sensed, sums.disputes) },
    satisfaction: { calls: sums.calls, satisfied: sums.satisfied, rate: share(sums.satisfied, sums.calls) },
    resolution: { taken: sums.taken, resolved: sums.resolved, rate: share(sums.resolved, sums.taken) },
  };
}

/**
 * The seed's figures of [from, until] beside those of the stretch of the same length just before, unless that
 * began before the log did (`logStart`): from the records and hourly tallies the cache keeps of its log
 * (`kpi-records`), so a call costs the hours of the two stretches, not the incidents in them.
 */
export function kpiComparisonOf(
  db: Database.Database,
  scope: string,
  from: number,
  until: number,
  logStart: number,
): KpiComparison {
  const current = kpiFigures(db, scope, from, until);
  const previousFrom = from - (until + 1 - from);
  const previous = previousFrom >= logStart ? kpiFigures(db, scope, previousFrom, from - 1) : null;
  return kpiComparison(current, previous);
}
