import { AUDIT_ANCHOR_SETTING, AUDIT_HEAD_SETTING } from '../store/audit-trail';
import type { ChainedAuditRecord, HubStore } from '../store';
import { GENESIS_HASH, canonicalJson, chainMarkHolds, sealAuditRecord, type ChainMark } from './seal';

export type ChainVerdict =
  | {
      ok: true;
      records: number;
      first: { number: number; at: string } | null;
      last: { number: number; at: string } | null;
    }
  | {
      ok: false;
      records: number;
      brokenAt: number;
      /** The time and action of the record named, when there is one to name. */
      at: string | null;
      action: string | null;
      reason: string;
    };

const PAGE = 1000;

function readMark(value: string | undefined): ChainMark | undefined {
  return value === undefined ? undefined : (JSON.parse(value) as ChainMark);
}

/** Why `record` does not follow `previous` in the chain, or null when it does. */
function whyBroken(
  key: Uint8Array,
  record: ChainedAuditRecord,
  expected: { number: number; hash: string; id: number },
): string | null {
  if (record.number > expected.number) {
    const missing =
      record.number - 1 === expected.number
        ? `record ${expected.number} is`
        : `records ${expected.number}–${record.number - 1} are`;
    return `deleted: ${missing} missing before it`;
  }
  const seal = sealAuditRecord(key, { ...record, detail: canonicalJson(record.detail) });
  if (seal !== record.hash)
    return 'edited: its content does not match its seal (or the key is not this trail’s)';
  if (record.prevHash !== expected.hash || record.id <= expected.id)
    return 'reordered: it was sealed after another record than the one before it';
  return null;
}

/** The chain's end against the head the hub recorded with the last record it wrote. */
function headProblem(key: Uint8Array, head: ChainMark | undefined, last: { number: number; hash: string }) {
  if (!head) return last.number === 0 ? null : 'the record of the trail’s head is missing';
  if (!chainMarkHolds(key, 'head', head))
    return 'edited: the record of the trail’s head does not match its seal';
  if (head.number > last.number)
    return `deleted: the trail ends at ${last.number} but the hub wrote up to ${head.number}`;
  if (head.number !== last.number || head.hash !== last.hash)
    return 'edited: the last record is not the one the hub wrote last';
  return null;
}

type Broken = Extract<ChainVerdict, { ok: false }>;
type Walked = {
  previous: { number: number; hash: string; id: number };
  records: number;
  first: Mark;
  last: Mark;
};
type Mark = { number: number; at: string } | null;

/**
 * Follows the chain from `start` a page at a time up to record `through` (the head when the check began:
 * records a running hub adds meanwhile are left to the next check), stopping at the first broken record.
 */
async function walkChain(
  store: HubStore,
  key: Uint8Array,
  start: { number: number; hash: string },
  through: number,
): Promise<Walked | Broken> {
  const walked: Walked = { previous: { ...start, id: 0 }, records: 0, first: null, last: null };
  for (;;) {
    const page = await store.auditChain(walked.previous.number, PAGE);
    for (const record of page) {
      if (record.number > through) return walked;
      const { previous } = walked;
      const reason = whyBroken(key, record, { ...previous, number: previous.number + 1 });
      if (reason) {
        const { records } = walked;
        return { ok: false, records, brokenAt: record.number, at: record.at, action: record.action, reason };
      }
      walked.previous = { number: record.number, hash: record.hash, id: record.id };
      walked.first ??= { number: record.number, at: record.at };
      walked.last = { number: record.number, at: record.at };
      walked.records += 1;
    }
    if (page.length < PAGE) return walked;
  }
}

/**
 * Checks the whole audit trail: each record's seal, its link to the one before, numbers without gaps from
 * the purge anchor (or 1) up to the head the hub recorded. Names the first broken record.
 */
export async function verifyAuditChain(store: HubStore, key: Uint8Array): Promise<ChainVerdict> {
  const anchor = readMark(await store.getSetting(AUDIT_ANCHOR_SETTING));
  const head = readMark(await store.getSetting(AUDIT_HEAD_SETTING));
  const broken = (records: number, brokenAt: number, reason: string): Broken => ({
    ok: false,
    records,
    brokenAt,
    at: null,
    action: null,
    reason,
  });
  if (anchor && !chainMarkHolds(key, 'anchor', anchor))
    return broken(
      0,
      anchor.number + 1,
      'edited: the purge anchor does not match its seal (or the key is not this trail’s)',
    );
  const start = { number: anchor?.number ?? 0, hash: anchor?.hash ?? GENESIS_HASH };
  const walked = await walkChain(store, key, start, head?.number ?? Number.MAX_SAFE_INTEGER);
  if ('ok' in walked) return walked;
  const { previous, records, first, last } = walked;
  const endProblem = headProblem(key, head, previous);
  if (endProblem) return broken(records, previous.number + 1, endProblem);
  const unsealed = await store.unsealedAuditCount();
  if (unsealed > 0) {
    const reason = `unsealed: ${unsealed} records are not in the chain yet (written before it; start the hub once to seal them)`;
    return broken(records, previous.number + 1, reason);
  }
  return { ok: true, records, first, last };
}
