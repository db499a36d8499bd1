import type { HubStore } from '../store';

/** 等保 2.0 level 3 keeps the audit trail at least six months: nothing younger may be purged. */
export const AUDIT_RETENTION_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;

export class RetentionError extends Error {}

/** A date (2026-01-31, China time midnight) or an ISO time, as the instant records must be older than. */
export function parsePurgeDate(text: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00+08:00`) : new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(date.getTime()))
    throw new RetentionError(`--before ${text}: a date like 2026-01-31 or an ISO time`);
  return date;
}

/** The latest instant a purge may reach at `now`: records younger than this are kept. */
export function retentionLimit(now: Date): Date {
  return new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS);
}

export interface PurgeOutcome {
  purged: number;
  /** The last record removed, which the first kept one follows. */
  through: number | null;
}

/**
 * Removes the records older than `before`, only if that is at least the retention period ago; refused
 * otherwise with nothing removed. The purge is recorded in the trail in the same transaction.
 */
export async function purgeAudit(
  store: HubStore,
  before: Date,
  { now, actor, requestedBy }: { now: Date; actor: string; requestedBy?: string },
): Promise<PurgeOutcome> {
  const limit = retentionLimit(now);
  if (before.getTime() > limit.getTime()) {
    throw new RetentionError(
      `refused: audit records are kept at least ${AUDIT_RETENTION_DAYS} days; ` +
        `--before must be ${limit.toISOString().slice(0, 10)} or earlier`,
    );
  }
  return store.transaction(async (tx) => {
    const result = await tx.purgeAuditBefore(before.toISOString());
    await tx.audit({
      at: now.toISOString(),
      actor,
      action: 'audit.purged',
      target: null,
      outcome: 'accepted',
      scope: null,
      detail: {
        before: before.toISOString(),
        ...(requestedBy ? { requestedBy } : {}),
        purged: result.purged,
        through: result.through && { number: result.through.number, hash: result.through.hash },
      },
    });
    return { purged: result.purged, through: result.through?.number ?? null };
  });
}
