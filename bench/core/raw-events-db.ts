import Database from 'better-sqlite3';
import { migrateCache } from '../../src/core/cache/local-cache';

/**
 * The baselines' database: the cache's own schema and journal settings, written by plain prepared statements,
 * with the insert of one event row ready.
 */
export function rawEventsDb(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  migrateCache(db);
  const insertEvent = db.prepare(
    'INSERT INTO events (seq, id, type, jurisdiction, at, subject, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  return { db, insertEvent };
}
