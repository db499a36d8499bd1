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

/**
 * Checks the whole audit trail a page at a time: each record's seal, its link to the one before, numbers
 * without gaps from the purge anchor (or 1) up to the head the hub recorded. Stops at the first broken record.
 */
export async function verifyAuditChain(store: HubStore, key: Uint8Array): Promise<ChainVerdict> {
  const anchor = readMark(await store.getSetting(AUDIT_ANCHOR_SETTING));
  const head = readMark(await store.getSetting(AUDIT_HEAD_SETTING));
  if (anchor && !chainMarkHolds(key, 'anchor', anchor)) {
    return {
      ok: false,
      records: 0,
      brokenAt: anchor.number + 1,
      at: null,
      action: null,
      reason: 'edited: the purge anchor does not match its seal (or the key is not this trail’s)',
    };
  }
  let previous = { number: anchor?.number ?? 0, hash: anchor?.hash ?? GENESIS_HASH, id: 0 };
  let first: { number: number; at: string } | null = null;
  let last: { number: number; at: string } | null = null;
  let records = 0;
  for (;;) {
    const page = await store.auditChain(previous.number, PAGE);
    for (const record of page) {
      const reason = whyBroken(key, record, { ...previous, number: previous.number + 1 });
      if (reason)
        return { ok: false, records, brokenAt: record.number, at: record.at, action: record.action, reason };
      previous = { number: record.number, hash: record.hash, id: record.id };
      first ??= { number: record.number, at: record.at };
      last = { number: record.number, at: record.at };
      records += 1;
    }
    if (page.length < PAGE) break;
  }
  const endProblem = headProblem(key, head, previous);
  if (endProblem)
    return { ok: false, records, brokenAt: previous.number + 1, at: null, action: null, reason: endProblem };
  const unsealed = await store.unsealedAuditCount();
  if (unsealed > 0) {
    const reason = `unsealed: ${unsealed} records are not in the chain yet (written before it; start the hub once to seal them)`;
    return { ok: false, records, brokenAt: previous.number + 1, at: null, action: null, reason };
  }
  return { ok: true, records, first, last };
}
