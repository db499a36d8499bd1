import { CompiledQuery, type Compilable } from 'kysely';
import type { HubDb } from './schema';

/**
 * Statements already built, per database (keyed by its adapter, which its transactions share) and shape.
 * Kysely builds and compiles a query on every call — about 30 µs for a point read and 15 µs a row for an
 * INSERT, a third of an ingest transaction on SQLite — so the hot statements are built once and then run
 * with new parameters.
 */
const built = new WeakMap<object, Map<string, { sql: string; parameters: number }>>();
/** Shapes kept per database: every batch length of every statement, with room to spare. */
const KEPT = 5000;

/**
 * Runs the statement `build` makes, built once per `shape`: the shape must name everything that changes
 * the SQL (a list's length, an optional filter), and `parameters` are the values `build` puts in, in order.
 * The first build checks that they are.
 */
export async function runStatement<Row>(
  db: HubDb,
  shape: string,
  parameters: readonly unknown[],
  build: () => Compilable<Row>,
): Promise<Row[]> {
  const adapter = db.getExecutor().adapter;
  let statements = built.get(adapter);
  if (!statements) built.set(adapter, (statements = new Map()));
  let statement = statements.get(shape);
  if (!statement) {
    const compiled = build().compile();
    if (
      compiled.parameters.length !== parameters.length ||
      compiled.parameters.some((value, index) => value !== parameters[index])
    ) {
      throw new Error(`statement ${shape}: the parameters given are not the ones its query takes`);
    }
    statement = { sql: compiled.sql, parameters: parameters.length };
    statements.set(shape, statement);
    if (statements.size > KEPT) statements.delete(statements.keys().next().value!);
  }
  if (parameters.length !== statement.parameters) {
    throw new Error(`statement ${shape} takes ${statement.parameters} parameters, not ${parameters.length}`);
  }
  return (await db.executeQuery<Row>(CompiledQuery.raw(statement.sql, [...parameters]))).rows;
}

/** The values of `rows` as a multi-row INSERT takes them: row by row, each in its keys' order. */
export function rowValues(rows: readonly Record<string, unknown>[]): unknown[] {
  const values: unknown[] = [];
  for (const row of rows) for (const key in row) values.push(row[key]);
  return values;
}
