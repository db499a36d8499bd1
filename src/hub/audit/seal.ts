import { gm } from '../../gm';

/**
 * The seal of one audit record: HMAC-SM3, under the hub's audit key, of its fields and the seal of the record
 * before it. Whoever edits, deletes or reorders a record without the key cannot make the seals agree again.
 */
export interface AuditSealFields {
  number: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: string;
  scope: string | null;
  /** The detail as `canonicalJson` writes it. */
  detail: string;
  prevHash: string;
}

/** What the first record of a trail follows. */
export const GENESIS_HASH = '0'.repeat(64);

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

/**
 * JSON with every object's keys in order. PostgreSQL's `jsonb` gives keys back in an order of its own and
 * SQLite keeps the text as written, so a seal over the written text could not be checked on both.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sorted(JSON.parse(JSON.stringify(value ?? null)) as unknown));
}

export function sealAuditRecord(key: Uint8Array, fields: AuditSealFields): string {
  // A JSON array is an unambiguous encoding: no field can run into the next.
  const encoded = JSON.stringify([
    fields.number,
    fields.at,
    fields.actor,
    fields.action,
    fields.target,
    fields.outcome,
    fields.scope,
    fields.detail,
    fields.prevHash,
  ]);
  return gm.hmacSm3(key, Buffer.from(encoded, 'utf8')).toString('hex');
}

/**
 * A place in the chain the hub remembers in its settings (the last record written, the last one purged),
 * with a seal of its own so that it cannot be moved without the key either.
 */
export interface ChainMark {
  number: number;
  hash: string;
  seal: string;
}

export function sealChainMark(key: Uint8Array, kind: string, number: number, hash: string): ChainMark {
  const encoded = JSON.stringify([kind, number, hash]);
  return { number, hash, seal: gm.hmacSm3(key, Buffer.from(encoded, 'utf8')).toString('hex') };
}

export function chainMarkHolds(key: Uint8Array, kind: string, mark: ChainMark): boolean {
  return sealChainMark(key, kind, mark.number, mark.hash).seal === mark.seal;
}
