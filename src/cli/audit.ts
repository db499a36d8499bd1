import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { chinaIsoTime } from '../domain';
import { purgeAudit, parsePurgeDate } from '../hub/audit/retention';
import { verifyAuditChain, type ChainVerdict } from '../hub/audit/verify';
import type { HubKeys } from '../hub/keys';
import type { HubStore } from '../hub/store';
import { DEFAULT_DB } from './hub';
import { withHubStore } from './hub-database';

/** Declared once, on `pingan audit`, and read by its subcommands (see the note on `pingan hub`'s options). */
interface AuditOptions {
  db: string;
  keys?: string;
}

/** Exit status of a check that found the trail broken (1 is a check that could not run). */
export const EXIT_BROKEN = 2;

const chinaTime = chinaIsoTime;

function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.ok) {
    if (!verdict.first || !verdict.last) return 'Audit trail intact: no records yet';
    return (
      `Audit trail intact: ${verdict.records} records checked, ` +
      `no. ${verdict.first.number} at ${chinaTime(verdict.first.at)} to no. ${verdict.last.number} at ${chinaTime(verdict.last.at)}`
    );
  }
  const record = verdict.at
    ? `record ${verdict.brokenAt} (${verdict.action}, ${chinaTime(verdict.at)})`
    : `record ${verdict.brokenAt}`;
  return `Audit trail BROKEN at ${record}: ${verdict.reason} (${verdict.records} records before it intact)`;
}

function verdictJson(verdict: ChainVerdict): string {
  return JSON.stringify(
    verdict.ok
      ? { ok: true, records: verdict.records }
      : { ok: false, records: verdict.records, brokenAt: verdict.brokenAt, reason: verdict.reason },
  );
}

export function registerAuditCommands(audit: Command): void {
  audit
    .configureHelp({ showGlobalOptions: true })
    .option('--db <location>', 'the hub database: sqlite:PATH or postgres://…', DEFAULT_DB)
    .option('--keys <dir>', 'the hub keys (default: beside an SQLite database, ./data/keys)');

  audit
    .command('verify')
    .description('check that no audit record was edited, deleted or reordered (exit 2 when one was)')
    .option('--json', 'print {"ok":true,"records":N} or {"ok":false,"records":N,"brokenAt":K,"reason":"…"}')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<AuditOptions & { json?: boolean }>();
      // A wrong key is reported as the chain failing at its first record, not refused: that is the finding.
      const verdict = await withHubStore(
        options.db,
        options.keys,
        (store, keys) => verifyAuditChain(store, keys.audit),
        { create: false, checkKeys: false },
      );
      console.log(options.json ? verdictJson(verdict) : describeVerdict(verdict));
      if (!verdict.ok) process.exitCode = EXIT_BROKEN;
    });

  audit
    .command('purge')
    .description('remove audit records older than a date at least 180 days ago; the purge is itself audited')
    .requiredOption('--before <date>', 'remove records older than this date (e.g. 2026-01-31, China time)')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<AuditOptions & { before: string }>();
      const before = parsePurgeDate(options.before);
      const purge = async (store: HubStore, keys: HubKeys) => {
        // A broken trail is evidence: removing part of it could hide where it was broken.
        const verdict = await verifyAuditChain(store, keys.audit);
        if (!verdict.ok) throw new Error(`refused: ${describeVerdict(verdict)}; nothing removed`);
        const requestedBy = userInfo().username;
        return purgeAudit(store, before, { now: new Date(), actor: 'system', requestedBy });
      };
      const outcome = await withHubStore(options.db, options.keys, purge, { create: false });
      console.log(
        outcome.through === null
          ? `No audit records older than ${options.before}; nothing removed (the request is recorded)`
          : `Removed ${outcome.purged} audit records, up to no. ${outcome.through}; the trail continues from its anchor`,
      );
    });
}
