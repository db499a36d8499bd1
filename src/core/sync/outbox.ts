import type Database from 'better-sqlite3';
import { wording, wordingSchema, type OperatorCommand, type Wording } from '../../domain';
import { PERSONAL_DATA_AS_IS, type PersonalDataCodec } from '../../gm';

export type OutboxStatus = 'pending' | 'accepted' | 'refused';

export interface OutboxEntry {
  position: number;
  commandId: string;
  command: OperatorCommand;
  status: OutboxStatus;
  code: string | null;
  reason: string | null;
  /** What the operator reads of a refusal. */
  words: Wording | null;
  createdAt: string;
  settledAt: string | null;
}

type Row = Record<string, unknown>;

/** A refusal's words as the hub sent them; one from a hub that sent none is worded as unexpected. */
function wordsOf(stored: unknown): Wording {
  if (typeof stored !== 'string') return wording('unexpected');
  const parsed = wordingSchema.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : wording('unexpected');
}

function toEntry(row: Row, personal: PersonalDataCodec): OutboxEntry {
  return {
    position: Number(row.position),
    commandId: String(row.command_id),
    command: personal.openCommand(JSON.parse(String(row.command)) as OperatorCommand),
    status: row.status as OutboxStatus,
    code: row.code === null ? null : String(row.code),
    reason: row.reason === null ? null : String(row.reason),
    words: row.status === 'refused' ? wordsOf(row.words) : null,
    createdAt: String(row.created_at),
    settledAt: row.settled_at === null ? null : String(row.settled_at),
  };
}

/**
 * Operator commands kept in the cache until the hub has answered them. A command is written here before
 * anything is sent, so a crash or a lost connection never loses it; it is sent again (with the same id, so
 * the hub applies it at most once) until an answer is recorded.
 */
export class Outbox {
  private readonly statements;

  /** `personal` seals a key person's ID number and phone in a waiting command, like the cache's events. */
  constructor(
    db: Database.Database,
    private readonly personal: PersonalDataCodec = PERSONAL_DATA_AS_IS,
  ) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO outbox (command_id, command, status, created_at) VALUES (?, ?, 'pending', ?)
         ON CONFLICT (command_id) DO NOTHING`,
      ),
      pending: db.prepare("SELECT * FROM outbox WHERE status = 'pending' ORDER BY position"),
      settle: db.prepare(
        "UPDATE outbox SET status = ?, code = ?, reason = ?, words = ?, settled_at = ? WHERE command_id = ? AND status = 'pending'",
      ),
      recent: db.prepare('SELECT * FROM outbox ORDER BY position DESC LIMIT ?'),
      get: db.prepare('SELECT * FROM outbox WHERE command_id = ?'),
      countPending: db.prepare("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").pluck(),
    };
  }

  enqueue(command: OperatorCommand, at = new Date().toISOString()): OutboxEntry {
    this.statements.insert.run(command.commandId, JSON.stringify(this.personal.sealCommand(command)), at);
    return this.get(command.commandId)!;
  }

  get(commandId: string): OutboxEntry | undefined {
    const row = this.statements.get.get(commandId) as Row | undefined;
    return row ? toEntry(row, this.personal) : undefined;
  }

  pending(): OutboxEntry[] {
    return (this.statements.pending.all() as Row[]).map((row) => toEntry(row, this.personal));
  }

  pendingCount(): number {
    return Number(this.statements.countPending.get());
  }

  /** Records the hub's answer; an answer to a command already settled is ignored. */
  settle(
    commandId: string,
    outcome: { ok: true } | { ok: false; code: string; reason: string; words?: unknown },
    at = new Date().toISOString(),
  ): boolean {
    const result = outcome.ok
      ? this.statements.settle.run('accepted', null, null, null, at, commandId)
      : this.statements.settle.run(
          'refused',
          outcome.code,
          outcome.reason,
          outcome.words === undefined ? null : JSON.stringify(outcome.words),
          at,
          commandId,
        );
    return result.changes > 0;
  }

  recent(limit = 50): OutboxEntry[] {
    return (this.statements.recent.all(limit) as Row[]).map((row) => toEntry(row, this.personal));
  }
}
