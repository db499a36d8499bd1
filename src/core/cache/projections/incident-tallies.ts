import type Database from 'better-sqlite3';
import { CODE_LENGTH, HOUR_MS, toMillis, type Incident, type Satisfaction } from '../../../domain';

/**
 * Counts of incidents kept per jurisdiction at every level (and '' for the whole cache), so a live panel reads
 * a handful of rows whatever the cache holds: by stage and risk grade, by follow-up verdict, and arrivals per
 * hour. An incident counts in the tallies of its own code and of every code above it; a write moves it from
 * what it was to what it is, so the tallies always equal a count over the incidents.
 */
export const INCIDENT_TALLIES_SCHEMA = `
  DROP TABLE IF EXISTS incident_tally;
  DROP TABLE IF EXISTS verdict_tally;
  DROP TABLE IF EXISTS arrival_tally;
  DROP TABLE IF EXISTS due_tally;
  CREATE TABLE incident_tally (
    scope TEXT NOT NULL,
    stage TEXT NOT NULL,
    risk TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scope, stage, risk)
  ) WITHOUT ROWID;
  -- One count per follow-up call: the last verdict when it closed the incident, and each dissatisfied call.
  CREATE TABLE verdict_tally (
    scope TEXT NOT NULL,
    verdict TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scope, verdict)
  ) WITHOUT ROWID;
  -- hour: the start of the hour the incident was received in, in milliseconds since the epoch.
  CREATE TABLE arrival_tally (
    scope TEXT NOT NULL,
    hour INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scope, hour)
  ) WITHOUT ROWID;
  -- Open incidents by the hour their current stage falls due in (milliseconds since the epoch): everything due
  -- before the current hour is overdue, so the overdue are a sum over hours plus a count within this one.
  CREATE TABLE due_tally (
    scope TEXT NOT NULL,
    hour INTEGER NOT NULL,
    stage TEXT NOT NULL,
    risk TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (scope, hour, stage, risk)
  ) WITHOUT ROWID;
`;

/** The lengths of the codes an incident is counted under: the whole cache, then every level down to its own. */
const SCOPE_LENGTHS = [0, ...Object.values(CODE_LENGTH)].sort((a, b) => a - b);

export function scopesOf(code: string): string[] {
  return SCOPE_LENGTHS.filter((length) => length <= code.length).map((length) => code.slice(0, length));
}

/** What the tallies count of one incident. */
export interface TalliedFacts {
  jurisdiction: string;
  stage: string;
  risk: string;
  /** The verdict of the follow-up call that closed it, when one did. */
  verdict: Satisfaction | null;
  dissatisfiedCalls: number;
  createdAt: string;
  /** When its current stage falls due under the rules in force; null once closed. */
  dueAt: string | null;
}

export function talliedFactsOf(incident: Incident, dueAt: string | null): TalliedFacts {
  const closingVerdict =
    incident.satisfaction === 'satisfied' || incident.satisfaction === 'basically-satisfied'
      ? incident.satisfaction
      : null;
  return {
    jurisdiction: incident.jurisdictionCode,
    stage: incident.stage,
    risk: incident.riskLevel ?? 'ungraded',
    verdict: closingVerdict,
    dissatisfiedCalls: incident.reopenCount,
    createdAt: incident.createdAt,
    dueAt,
  };
}

export const hourOf = (instant: string) => Math.floor(toMillis(instant) / HOUR_MS) * HOUR_MS;

type Parts = Record<'stage' | 'due' | 'verdict' | 'arrival', boolean>;

export interface TallyWriter {
  /** Moves one incident from `before` (absent when new) to `after`. */
  move(before: TalliedFacts | undefined, after: TalliedFacts): void;
}

export function openTallyWriter(db: Database.Database): TallyWriter {
  const addStage = db.prepare(
    `INSERT INTO incident_tally (scope, stage, risk, n) VALUES (?, ?, ?, ?)
     ON CONFLICT (scope, stage, risk) DO UPDATE SET n = n + excluded.n`,
  );
  const addVerdict = db.prepare(
    `INSERT INTO verdict_tally (scope, verdict, n) VALUES (?, ?, ?)
     ON CONFLICT (scope, verdict) DO UPDATE SET n = n + excluded.n`,
  );
  const addDue = db.prepare(
    `INSERT INTO due_tally (scope, hour, stage, risk, n) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (scope, hour, stage, risk) DO UPDATE SET n = n + excluded.n`,
  );
  const addArrival = db.prepare(
    `INSERT INTO arrival_tally (scope, hour, n) VALUES (?, ?, ?)
     ON CONFLICT (scope, hour) DO UPDATE SET n = n + excluded.n`,
  );

  const count = (facts: TalliedFacts, sign: 1 | -1, parts: Parts) => {
    for (const scope of scopesOf(facts.jurisdiction)) {
      if (parts.stage) addStage.run(scope, facts.stage, facts.risk, sign);
      if (parts.due && facts.dueAt !== null)
        addDue.run(scope, hourOf(facts.dueAt), facts.stage, facts.risk, sign);
      if (parts.verdict) {
        if (facts.verdict) addVerdict.run(scope, facts.verdict, sign);
        if (facts.dissatisfiedCalls > 0)
          addVerdict.run(scope, 'dissatisfied', sign * facts.dissatisfiedCalls);
      }
      if (parts.arrival) addArrival.run(scope, hourOf(facts.createdAt), sign);
    }
  };

  return {
    move(before, after) {
      if (!before) {
        count(after, 1, { stage: true, due: true, verdict: true, arrival: true });
        return;
      }
      const moved = before.jurisdiction !== after.jurisdiction;
      const regraded = before.stage !== after.stage || before.risk !== after.risk;
      const parts = {
        stage: moved || regraded,
        due: moved || regraded || before.dueAt !== after.dueAt,
        verdict:
          moved || before.verdict !== after.verdict || before.dissatisfiedCalls !== after.dissatisfiedCalls,
        arrival: moved || before.createdAt !== after.createdAt,
      };
      if (!Object.values(parts).some(Boolean)) return;
      count(before, -1, parts);
      count(after, 1, parts);
    },
  };
}

export interface StageRiskCount {
  stage: string;
  risk: string;
  n: number;
}

/** Reads of the tallies for one scope: a jurisdiction code, or '' for everything the cache holds. */
export function tallyReader(db: Database.Database) {
  const stages = db.prepare('SELECT stage, risk, n FROM incident_tally WHERE scope = ? AND n > 0');
  const verdicts = db.prepare('SELECT verdict, n FROM verdict_tally WHERE scope = ? AND n > 0');
  const dueBefore = db.prepare(
    `SELECT stage, risk, SUM(n) AS n FROM due_tally WHERE scope = ? AND hour < ? GROUP BY stage, risk HAVING SUM(n) > 0`,
  );
  // Within the current hour the tally cannot tell due from not yet due: those few rows are counted one by one.
  const dueWithin = db.prepare(
    `SELECT stage, risk, COUNT(*) AS n FROM incident_index INDEXED BY incident_index_due
     WHERE due_key >= ? AND due_key < ? AND jurisdiction >= ? AND jurisdiction < ? GROUP BY stage, risk`,
  );
  const arrivals = db.prepare(
    'SELECT hour, n FROM arrival_tally WHERE scope = ? AND hour >= ? AND hour < ? AND n > 0',
  );
  return {
    byStageAndRisk: (scope: string) => stages.all(scope) as StageRiskCount[],
    /** Open incidents of `scope` past their due time at `now`, by stage and risk grade. */
    overdue(scope: string, now: Date): StageRiskCount[] {
      const hour = hourOf(now.toISOString());
      const within = [new Date(hour).toISOString(), now.toISOString(), scope, `${scope}:`];
      return [...dueBefore.all(scope, hour), ...dueWithin.all(...within)] as StageRiskCount[];
    },
    byVerdict: (scope: string) => verdicts.all(scope) as { verdict: Satisfaction; n: number }[],
    /** Arrivals per hour from `fromMs` (inclusive) to `toMs` (exclusive). */
    arrivalsBetween: (scope: string, fromMs: number, toMs: number) =>
      arrivals.all(scope, fromMs, toMs) as { hour: number; n: number }[],
  };
}
export type TallyReader = ReturnType<typeof tallyReader>;
