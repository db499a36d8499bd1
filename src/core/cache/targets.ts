import type Database from 'better-sqlite3';
import { targetSchema, type Target } from '../../domain';

/**
 * Every dangerous object and sensitive place the cache holds in `scope`, taken off the register or not. A record
 * that no longer parses (written by a newer hub, say) is left out rather than shown half understood.
 */
export function targetsIn(db: Database.Database, scope: string): Target[] {
  const docs = db
    .prepare(
      "SELECT doc FROM entities WHERE kind IN ('dangerous-object', 'sensitive-place') AND jurisdiction LIKE ? ORDER BY kind, id",
    )
    .pluck()
    .all(`${scope}%`) as string[];
  return docs.flatMap((doc) => {
    const parsed = targetSchema.safeParse(JSON.parse(doc));
    return parsed.success ? [parsed.data] : [];
  });
}
