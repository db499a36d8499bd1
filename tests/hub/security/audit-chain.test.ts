import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { purgeAudit, RetentionError } from '../../../src/hub/audit/retention';
import { verifyAuditChain } from '../../../src/hub/audit/verify';
import { openHubStore, openStoreDialect, type AuditEntry, type HubStore } from '../../../src/hub/store';
import { MIGRATIONS, migrate } from '../../../src/hub/store/migrations';
import { STORE_KINDS, type TestDatabase } from '../support/databases';
import { startTestHub } from '../support/hub-harness';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-07T00:00:00Z');

function entry(n: number, at = new Date(NOW.getTime() - (10 - n) * 60_000)): AuditEntry {
  return {
    at: at.toISOString(),
    actor: `duty-${n}`,
    action: 'command.assess',
    target: `incident-${n}`,
    outcome: n % 2 ? 'accepted' : 'refused',
    scope: '532901',
    // Keys out of order and nested: PostgreSQL's jsonb gives them back in an order of its own.
    detail: { zeta: n, alpha: { b: [1, 'two'], a: null }, 名称: '大理市' },
  };
}

/** Runs SQL straight on the database, as someone with access to it but not to the key would. */
async function tamper(url: string, statement: ReturnType<typeof sql>): Promise<void> {
  const dialect = openStoreDialect(url);
  try {
    await statement.execute(dialect.writer);
  } finally {
    await dialect.close();
  }
}

describe.each(STORE_KINDS)('the audit trail on %s', (_name, createDatabase) => {
  const opened: { database: TestDatabase; store: HubStore }[] = [];
  const key = randomBytes(32);

  afterAll(async () => {
    for (const { database, store } of opened) {
      await store.close();
      await database.drop();
    }
  });

  /** A fresh database with `count` records appended, one transaction each. */
  async function trailOf(count: number, at?: (n: number) => Date) {
    const database = await createDatabase();
    const store = await openHubStore(database.url, { auditKey: key });
    opened.push({ database, store });
    for (let n = 1; n <= count; n += 1) await store.transaction((tx) => tx.audit(entry(n, at?.(n))));
    return { url: database.url, store };
  }

  it('numbers records 1, 2, 3 … and verifies them, whatever order the database gives JSON keys back in', async () => {
    const { store } = await trailOf(5);
    const chain = await store.auditChain(0, 10);
    expect(chain.map((record) => record.number)).toEqual([1, 2, 3, 4, 5]);
    expect(chain[1]!.prevHash).toBe(chain[0]!.hash);
    expect(chain[0]).toMatchObject({ scope: '532901', actor: 'duty-1', detail: entry(1).detail });
    expect(await verifyAuditChain(store, key)).toMatchObject({
      ok: true,
      records: 5,
      first: { number: 1 },
      last: { number: 5 },
    });
  });

  it('numbers records without gaps when many transactions append at once', async () => {
    const { store } = await trailOf(0);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => store.transaction((tx) => tx.audit(entry(i + 1)))),
    );
    expect(await verifyAuditChain(store, key)).toMatchObject({ ok: true, records: 12 });
  });

  it.each([
    ['action', sql`UPDATE audit_log SET action = 'command.close' WHERE number = 3`],
    ['detail', sql`UPDATE audit_log SET detail = ${JSON.stringify({ zeta: 99 })} WHERE number = 3`],
    ['time', sql`UPDATE audit_log SET at = '2020-01-01T00:00:00.000Z' WHERE number = 3`],
    ['scope', sql`UPDATE audit_log SET scope = NULL WHERE number = 3`],
  ])('names the record whose %s was edited', async (_field, edit) => {
    const { url, store } = await trailOf(5);
    await tamper(url, edit);
    expect(await verifyAuditChain(store, key)).toMatchObject({
      ok: false,
      records: 2,
      brokenAt: 3,
      reason: expect.stringMatching(/^edited/) as unknown,
    });
  });

  it('names the record after a deleted one', async () => {
    const { url, store } = await trailOf(5);
    await tamper(url, sql`DELETE FROM audit_log WHERE number = 3`);
    expect(await verifyAuditChain(store, key)).toMatchObject({
      ok: false,
      brokenAt: 4,
      reason: 'deleted: record 3 is missing before it',
    });
  });

  it('notices the last record deleted, against the head the hub recorded with it', async () => {
    const { url, store } = await trailOf(5);
    await tamper(url, sql`DELETE FROM audit_log WHERE number = 5`);
    expect(await verifyAuditChain(store, key)).toMatchObject({
      ok: false,
      records: 4,
      brokenAt: 5,
      reason: expect.stringMatching(/^deleted: the trail ends at 4/) as unknown,
    });
  });

  it('notices a record renumbered to close the gap a deletion left', async () => {
    const { url, store } = await trailOf(5);
    await tamper(url, sql`DELETE FROM audit_log WHERE number = 3`);
    await tamper(url, sql`UPDATE audit_log SET number = number - 1 WHERE number > 3`);
    expect(await verifyAuditChain(store, key)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('checks up to the head it found, so records a running hub adds meanwhile are not taken for a break', async () => {
    const { url, store } = await trailOf(3);
    const headThen = await store.getSetting('audit-head');
    await store.transaction((tx) => tx.audit(entry(4)));
    // The head as a check that began before record 4 was written read it.
    await tamper(url, sql`UPDATE settings SET value = ${headThen} WHERE key = 'audit-head'`);
    expect(await verifyAuditChain(store, key)).toMatchObject({ ok: true, records: 3, last: { number: 3 } });
  });

  it('fails at the first record under another key', async () => {
    const { store } = await trailOf(3);
    expect(await verifyAuditChain(store, randomBytes(32))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('seals records written before the trail was a chain, once, in the order they were written', async () => {
    const { url, store } = await trailOf(0);
    await tamper(
      url,
      sql`INSERT INTO audit_log (at, actor, action, target, outcome, detail)
          VALUES ('2026-01-01T00:00:00.000Z', 'system', 'account.created', 'duty', 'accepted', '{"role":"operator"}'),
                 ('2026-01-02T00:00:00.000Z', 'system', 'api-key.created', 'grid-app', 'accepted', '{}')`,
    );
    expect(await verifyAuditChain(store, key)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^unsealed: 2 records/) as unknown,
    });
    expect(await store.sealUnchainedAudit()).toBe(2);
    expect(await store.sealUnchainedAudit()).toBe(0);
    await store.transaction((tx) => tx.audit(entry(3)));
    const chain = await store.auditChain(0, 10);
    expect(chain.map((record) => [record.number, record.action])).toEqual([
      [1, 'account.created'],
      [2, 'api-key.created'],
      [3, 'command.assess'],
    ]);
    expect(await verifyAuditChain(store, key)).toMatchObject({ ok: true, records: 3 });
  });

  it('seals, at the first hub start, the records of a database from before the chain', async () => {
    const database = await createDatabase();
    const dialect = openStoreDialect(database.url);
    await migrate(
      dialect,
      MIGRATIONS.findIndex((m) => m.summary.startsWith('the audit trail as a hash chain')),
    );
    for (const action of ['command.assess', 'command.close'])
      await sql`INSERT INTO audit_log (at, actor, action, target, outcome, detail)
                VALUES (${NOW.toISOString()}, 'a-1', ${action}, 'i-1', 'accepted', '{"seqs":[1]}')`.execute(
        dialect.writer,
      );
    await dialect.close();
    const harness = await startTestHub(database, { keysDir: mkdtempSync(join(tmpdir(), 'pingan-keys-')) });
    try {
      const { store, keys } = harness.hub;
      expect((await store.auditChain(0, 10)).map((record) => [record.number, record.action])).toEqual([
        [1, 'command.assess'],
        [2, 'command.close'],
      ]);
      expect(await verifyAuditChain(store, keys.audit)).toMatchObject({ ok: true, records: 2 });
    } finally {
      await harness.close();
    }
  });

  it('refuses to write the trail without the key', async () => {
    const { url } = await trailOf(0);
    const keyless = await openHubStore(url);
    try {
      await expect(keyless.transaction((tx) => tx.audit(entry(1)))).rejects.toThrow(/audit key/);
    } finally {
      await keyless.close();
    }
  });

  describe('retention', () => {
    const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY);

    it.each([
      ['today', 0],
      ['tomorrow', -1],
      ['179 days ago', 179],
    ])('refuses a purge before %s and removes nothing', async (_when, days) => {
      const { store } = await trailOf(3, (n) => daysAgo(400 - n));
      await expect(purgeAudit(store, daysAgo(days), { now: NOW, actor: 'system' })).rejects.toThrow(
        RetentionError,
      );
      expect(await verifyAuditChain(store, key)).toMatchObject({ ok: true, records: 3 });
    });

    it('purges records past 180 days, records the purge, and the rest still verifies from the anchor', async () => {
      // Records 1–3 are a year old, 4–5 two months old.
      const { url, store } = await trailOf(5, (n) => daysAgo(n <= 3 ? 365 : 60));
      const outcome = await purgeAudit(store, daysAgo(180), { now: NOW, actor: 'system' });
      expect(outcome).toEqual({ purged: 3, through: 3 });
      const chain = await store.auditChain(0, 10);
      expect(chain.map((record) => record.number)).toEqual([4, 5, 6]);
      expect(chain[2]).toMatchObject({
        action: 'audit.purged',
        detail: { purged: 3, through: { number: 3 } },
      });
      expect(await verifyAuditChain(store, key)).toMatchObject({
        ok: true,
        records: 3,
        first: { number: 4 },
      });

      await tamper(url, sql`DELETE FROM audit_log WHERE number = 4`);
      expect(await verifyAuditChain(store, key)).toMatchObject({ ok: false, brokenAt: 5 });
    });
  });
});
