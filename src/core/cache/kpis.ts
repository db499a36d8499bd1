import type Database from 'better-sqlite3';
import { HOUR_MS, SENSED_SOURCES, kpiComparison, type KpiComparison, type KpiFigures } from '../../domain';

interface Statements {
  closed: Database.Statement;
  reported: Database.Statement;
  calls: Database.Statement;
}

const statementsByDatabase = new WeakMap<Database.Database, Statements>();

function statementsFor(db: Database.Database): Statements {
  let statements = statementsByDatabase.get(db);
  if (statements) return statements;
  statements = {
    // Closed within the stretch, and not dismissed: handled.
    closed: db.prepare(
      `SELECT COUNT(*) AS closed, COALESCE(SUM(closed_ms - created_ms), 0) AS handlingMs
       FROM kpi_record INDEXED BY kpi_record_closed
       WHERE closed_ms >= @from AND closed_ms <= @until AND closure <> 'dismissed'
         AND jurisdiction >= @scope AND jurisdiction < @scopeEnd`,
    ),
    // Reported within the stretch: disputes and how they were found; taken unless dismissed by its end; and of
    // those, resolved by its end.
    reported: db.prepare(
      `SELECT
         COALESCE(SUM(kind = 'dispute'), 0) AS disputes,
         COALESCE(SUM(kind = 'dispute' AND source IN (${SENSED_SOURCES.map((source) => `'${source}'`).join(', ')})), 0)
           AS sensed,
         COALESCE(SUM(NOT dismissed), 0) AS taken,
         COALESCE(SUM(NOT dismissed AND first_resolved_ms IS NOT NULL AND first_resolved_ms <= @until), 0)
           AS resolved
       FROM (
         SELECT kind, source, first_resolved_ms,
           closure = 'dismissed' AND closed_ms IS NOT NULL AND closed_ms <= @until AS dismissed
         FROM kpi_record INDEXED BY kpi_record_created
         WHERE created_ms >= @from AND created_ms <= @until
           AND jurisdiction >= @scope AND jurisdiction < @scopeEnd
       )`,
    ),
    calls: db.prepare(
      `SELECT COUNT(*) AS calls, COALESCE(SUM(satisfied), 0) AS satisfied FROM kpi_call
       WHERE at_ms >= @from AND at_ms <= @until AND jurisdiction >= @scope AND jurisdiction < @scopeEnd`,
    ),
  };
  statementsByDatabase.set(db, statements);
  return statements;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** The seed's figures of `scope` over [from, until] (ms, both included), as `KpiLedger.figures` defines them. */
function kpiFigures(db: Database.Database, scope: string, from: number, until: number): KpiFigures {
  const statements = statementsFor(db);
  const bounds = { from, until, scope, scopeEnd: `${scope}:` };
  const { closed, handlingMs } = statements.closed.get(bounds) as { closed: number; handlingMs: number };
  const { disputes, sensed, taken, resolved } = statements.reported.get(bounds) as {
    disputes: number;
    sensed: number;
    taken: number;
    resolved: number;
  };
  const { calls, satisfied } = statements.calls.get(bounds) as { calls: number; satisfied: number };
  return {
    from: new Date(from).toISOString(),
    until: new Date(until).toISOString(),
    handling: { closed, meanHours: closed === 0 ? null : handlingMs / closed / HOUR_MS },
    capture: { disputes, sensed, rate: share(sensed, disputes) },
    satisfaction: { calls, satisfied, rate: share(satisfied, calls) },
    resolution: { taken, resolved, rate: share(resolved, taken) },
  };
}

/**
 * The seed's figures of [from, until] beside those of the stretch of the same length just before, unless that
 * began before the log did (`logStart`): from the records the cache keeps of its log (`kpi-records`), so a call
 * reads the records of the two stretches and nothing is folded when the cache opens.
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
