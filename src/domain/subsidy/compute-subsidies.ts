import { z } from 'zod';
import { DIFFICULTIES, type Difficulty } from '../difficulty';
import type { HubEvent } from '../event';
import type { Incident } from '../incident';
import { CODE_LENGTH, isWithin, jurisdictionCodeSchema } from '../jurisdiction';
import { toMillis } from '../time';
import { chinaMonthBounds, subsidyMonthSchema, type SubsidyMonth } from './month';
import { subsidyRatesInForce, type SubsidyRates } from './rates';
import type { SubsidyReport, SubsidyRow, SubsidyTotal } from './subsidy-schema';

export interface SubsidyRequest {
  /**
   * The log, in scope or not (the rest is ignored). What is read of it: every `subsidy.configured` before the
   * month's end, the month's `incident.resolved`, and the `incident.closed` that dismissed any of them.
   */
  events: readonly HubEvent[];
  scope: string;
  month: SubsidyMonth;
}

const subsidyRequestSchema = z.object({ scope: jurisdictionCodeSchema, month: subsidyMonthSchema });

interface Earned {
  difficulty: Difficulty;
  yuan: number;
}

/** A dispute first resolved in the month, with what it earns: null when it carries no grade to price. */
interface Resolution {
  incident: Incident;
  earned: Earned | null;
}

/**
 * Only a reopening raises `reopenCount`, and only a resolved incident can be reopened (a dissatisfied follow-up),
 * so a resolution with a count of 0 is the incident's first.
 */
function isFirstResolution(incident: Incident): boolean {
  return incident.reopenCount === 0;
}

/** Time order, and at the same instant log order: the order `LogReplay` plays the log in. */
function inTimeOrder(events: readonly HubEvent[]): HubEvent[] {
  return [...events].sort((a, b) => toMillis(a.at) - toMillis(b.at) || a.seq - b.seq);
}

/** Resolutions logged before the grade was recorded carry none, not even a null. */
function earnedAt(incident: Incident, rates: SubsidyRates): Earned | null {
  return incident.difficulty ? { difficulty: incident.difficulty, yuan: rates[incident.difficulty] } : null;
}

function emptyTotal(): SubsidyTotal {
  return { cases: { simple: 0, ordinary: 0, complex: 0, major: 0 }, count: 0, amount: 0 };
}

function addTo(total: SubsidyTotal, earned: Earned): void {
  total.cases[earned.difficulty] += 1;
  total.count += 1;
  total.amount += earned.yuan;
}

function sumOf(totals: readonly SubsidyTotal[]): SubsidyTotal {
  const sum = emptyTotal();
  for (const total of totals) {
    for (const difficulty of DIFFICULTIES) sum.cases[difficulty] += total.cases[difficulty];
    sum.count += total.count;
    sum.amount += total.amount;
  }
  return sum;
}

/** Groups `items` by `key`, in the order of their keys. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Who is credited with an incident: the grid worker who resolved it, of its grid, or, for an incident filed at
 * village level, the village's own mediation (by the worker who resolved it, when named).
 */
function creditedRow(incident: Incident): SubsidyRow {
  const code = incident.jurisdictionCode;
  return {
    ...emptyTotal(),
    worker: incident.resolver,
    grid: code.length === CODE_LENGTH.grid ? code : null,
    village: code.slice(0, CODE_LENGTH.village),
    township: code.slice(0, CODE_LENGTH.township),
  };
}

/**
 * The subsidy by case (以案定补) of `scope` for one China month, computed from the log. The rule:
 * - a dispute (矛盾纠纷) earns; a case (案事件) does not, being handled by a member unit rather than mediated;
 * - it earns once, in the month of its first resolution (its first `incident.resolved` event): a dispute reopened
 *   after a dissatisfied follow-up and resolved again was already paid for, in whichever month that was;
 * - it earns nothing if the log shows it dismissed as unfounded or a duplicate. The lifecycle dismisses only
 *   before assignment, so this guards the rule more than it bites; it reads the log as it stands, so a month
 *   can lose a dispute that is dismissed later;
 * - it is credited to the grid worker who resolved it (the resolver its first resolution names), within its grid,
 *   or its village's own mediation if filed at village level; one that names no one, to the place as a whole;
 * - it is paid at the rate in force at its place at the instant it was resolved: the log is played in time order,
 *   so a change of rates during the month applies to the disputes resolved after it and reprices none before.
 */
export function computeSubsidies(request: SubsidyRequest): SubsidyReport {
  const { scope, month } = subsidyRequestSchema.parse({ scope: request.scope, month: request.month });
  const { start, end } = chinaMonthBounds(month);
  const configured = new Map<string, SubsidyRates>();
  const resolutions: Resolution[] = [];
  const dismissed = new Set<string>();

  for (const event of inTimeOrder(request.events)) {
    const at = toMillis(event.at);
    if (event.type === 'subsidy.configured') {
      configured.set(event.payload.jurisdictionCode, event.payload.rates);
    } else if (event.type === 'incident.closed' && event.payload.closure === 'dismissed') {
      dismissed.add(event.payload.incident.id);
    } else if (event.type === 'incident.resolved' && at >= start && at < end) {
      const { incident } = event.payload;
      if (incident.kind !== 'dispute' || !isFirstResolution(incident)) continue;
      if (!isWithin(incident.jurisdictionCode, scope)) continue;
      const rates = subsidyRatesInForce(
        [...configured].map(([jurisdictionCode, rates]) => ({ jurisdictionCode, rates })),
        incident.jurisdictionCode,
      );
      resolutions.push({ incident, earned: earnedAt(incident, rates) });
    }
  }

  const paid = resolutions.filter((resolution) => !dismissed.has(resolution.incident.id));
  const priced = paid.flatMap(({ incident, earned }) => (earned ? [{ incident, earned }] : []));
  // A place's code, then its workers by name and the unnamed share last: the separator sorts below every digit, so
  // a village's own mediation still comes before its grids.
  const rows = groupBy(
    priced,
    ({ incident }) => `${incident.jurisdictionCode}\u0000${incident.resolver ?? '\uffff'}`,
  ).map(([, group]) => {
    const row = creditedRow(group[0]!.incident);
    for (const { earned } of group) addTo(row, earned);
    return row;
  });
  const villages = groupBy(rows, (row) => row.village).map(([village, group]) => ({
    ...sumOf(group),
    village,
    township: group[0]!.township,
  }));
  const townships = groupBy(villages, (village) => village.township).map(([township, group]) => ({
    ...sumOf(group),
    township,
  }));
  return {
    month,
    scope,
    rows,
    villages,
    townships,
    overall: sumOf(townships),
    ungraded: paid.length - priced.length,
  };
}
