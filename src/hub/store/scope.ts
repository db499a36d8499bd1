import { sql, type RawBuilder } from 'kysely';
import { INHERITED_EVENT_TYPES, INHERITED_KINDS } from '../../domain';

/** `LIKE 'code%'` with the code's own wildcard characters escaped (codes are digits, but be strict). */
export function scopePattern(scope: string): string {
  return `${scope.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `('a', 'b')` for an IN clause. Only the domain's own names of types and kinds go in, never a client's input. */
function sqlList(values: readonly string[]): RawBuilder<unknown> {
  return sql.raw(`(${values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ')})`);
}

/**
 * What a jurisdiction decides for those below it (its mode, SLA tables, subsidy rates): a scope's events and
 * entities include these from the jurisdictions above it. Derived from the domain, so a new one is seen at once.
 */
const INHERITED = { type: sqlList(INHERITED_EVENT_TYPES), kind: sqlList(INHERITED_KINDS) };

/**
 * Rows (events by `type`, entities by `kind`) whose jurisdiction lies in `scope`'s subtree, or above it and
 * of a kind it inherits. A constant list rather than parameters, so the statement stays the same.
 */
export function inScope(column: 'type' | 'kind', scope: string): RawBuilder<boolean> {
  return sql<boolean>`(jurisdiction LIKE ${scopePattern(scope)} ESCAPE '\\' OR (${sql.ref(column)} IN ${INHERITED[column]} AND ${scope} LIKE jurisdiction || '%'))`;
}
