import type Database from 'better-sqlite3';
import { KPI_EVENT_TYPES, KpiLedger, type HubEvent } from '../../domain';

interface Memo {
  ledger: KpiLedger;
  /** The last event folded in. */
  seq: number;
  newer: Database.Statement;
}

const memos = new WeakMap<Database.Database, Memo>();

/**
 * The seed's figures (`src/domain/kpi.ts`) of everything the cache holds, folded from its event log: each call
 * reads only the events recorded since the one before.
 */
export function kpiLedger(db: Database.Database): KpiLedger {
  let memo = memos.get(db);
  if (!memo) {
    const newer = db.prepare(
      `SELECT seq, id, type, jurisdiction, at, payload FROM events
       WHERE seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq`,
    );
    memos.set(db, (memo = { ledger: new KpiLedger(), seq: 0, newer }));
  }
  const rows = memo.newer.all(memo.seq, JSON.stringify(KPI_EVENT_TYPES)) as {
    seq: number;
    id: string;
    type: string;
    jurisdiction: string;
    at: string;
    payload: string;
  }[];
  for (const row of rows) {
    memo.ledger.add({ ...row, payload: JSON.parse(row.payload) as unknown } as HubEvent);
    memo.seq = row.seq;
  }
  return memo.ledger;
}
