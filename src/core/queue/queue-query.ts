import { CODE_LENGTH } from '../../domain';
import type { QueueFilter, QueueSort } from '../contract/queue';

/** A deadline closer than this is warned about. */
export const DUE_SOON_MS = 30 * 60_000;

/** A WHERE clause over `incident_index` and what it binds. */
export interface Condition {
  sql: string;
  params: unknown[];
}

/**
 * The orders of the queue, each the key of an index on `incident_index` so a window walks the index instead
 * of sorting everything: most urgent first (closed, with no deadline, last); latest change; latest report;
 * ungraded first (they may be the urgent ones), then high, medium, low, oldest first within each.
 */
const ORDERS: Record<QueueSort, string[]> = {
  deadline: ['due_key', 'id'],
  updated: ['updated_at DESC', 'id'],
  created: ['created_at DESC', 'id'],
  risk: ['risk_rank', 'created_at', 'id'],
};

/**
 * Trigram search finds any part of three characters or more through the index; a shorter part (two Chinese
 * characters are a common search) is looked for in every incident's text, which the index cannot help with.
 */
const TRIGRAM = 3;

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/** As an FTS5 string: the whole text is one phrase, so no character of it acts as an operator. */
const ftsPhrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Codes are digits and ':' sorts right after '9', so [scope, scope + ':') holds exactly the codes under it. */
export const codeRange = (scope: string): [string, string] => [scope, `${scope}:`];

/**
 * A scope of a township or smaller holds few enough incidents to read through the jurisdiction index and sort;
 * a wider one is better walked in the order's own index, skipping what lies outside it.
 */
const isNarrow = (scope: string) => scope.length >= CODE_LENGTH.township;

export interface QueueQueryParts {
  /** Everything but the stage filter: what the stage tabs count over. */
  beside: Condition;
  /** The whole filter. */
  matching: Condition;
  orderBy: string;
}

/**
 * The queue's filter as SQL over `incident_index`. `phoneDigest` turns a search text into the keyed digest a
 * reporter's phone is indexed by; `now` is an ISO instant (due times are kept as ISO instants, which order
 * as text).
 */
export function queueQuery(
  filter: QueueFilter,
  sort: QueueSort,
  now: string,
  phoneDigest: (text: string) => string,
): QueueQueryParts {
  const terms: Condition[] = [];
  // A selective lookup (search, unit) drives the query: the order's index must not be walked instead.
  const selective = Boolean(filter.text || filter.unitId);
  if (filter.scope) {
    const column = isNarrow(filter.scope) || selective ? 'jurisdiction' : '+jurisdiction';
    terms.push({ sql: `${column} >= ? AND ${column} < ?`, params: codeRange(filter.scope) });
  }
  const among = (column: string, values: readonly string[] | undefined) => {
    if (values) terms.push({ sql: `${column} IN (${placeholders(values)})`, params: [...values] });
  };
  among('risk', filter.risks);
  among('kind', filter.kinds);
  among('category', filter.categories);
  among('source', filter.sources);
  if (filter.unitId) {
    terms.push({
      sql: 'rowid IN (SELECT incident_rowid FROM incident_units WHERE unit_id = ?)',
      params: [filter.unitId],
    });
  }
  if (filter.supervisedBy) terms.push({ sql: 'supervised_by = ?', params: [filter.supervisedBy] });
  if (filter.overdueOnly) terms.push({ sql: 'due_key < ?', params: [now] });
  const text = filter.text?.toLowerCase();
  if (text) terms.push(textCondition(text, phoneDigest(filter.text!)));
  const beside = joined(terms);
  const matching = filter.stages
    ? joined([...terms, { sql: `stage IN (${placeholders(filter.stages)})`, params: [...filter.stages] }])
    : beside;
  const order = ORDERS[sort].map((term) => (selective ? `+${term}` : term));
  return { beside, matching, orderBy: order.join(', ') };
}

function textCondition(text: string, digest: string): Condition {
  // NUL ends an FTS5 query string, so a text holding one is looked for without the index.
  const inText =
    [...text].length >= TRIGRAM && !text.includes('\0')
      ? { sql: 'SELECT rowid FROM incident_text WHERE incident_text MATCH ?', param: ftsPhrase(text) }
      : { sql: 'SELECT rowid FROM incident_text WHERE instr(text, ?) > 0', param: text };
  return {
    sql: `(rowid IN (${inText.sql}) OR phone_digest = ?)`,
    params: [inText.param, digest],
  };
}

function joined(terms: readonly Condition[]): Condition {
  return terms.length === 0
    ? { sql: '1', params: [] }
    : {
        sql: terms.map((term) => `(${term.sql})`).join(' AND '),
        params: terms.flatMap((term) => term.params),
      };
}

/** Only scope, stage, risk and overdue: the counts can come from the tallies the cache keeps per jurisdiction. */
export function isTalliedFilter(filter: QueueFilter): boolean {
  const { scope: _scope, stages: _stages, risks: _risks, overdueOnly: _overdue, ...rest } = filter;
  return Object.values(rest).every((value) => value === undefined || value === '');
}
