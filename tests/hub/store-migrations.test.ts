import { sql, type RawBuilder } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubStore, openStoreDialect, type HubStore } from '../../src/hub/store';
import type { StoreDialect } from '../../src/hub/store/dialect';
import { MIGRATIONS, migrate } from '../../src/hub/store/migrations';
import { STORE_KINDS, type TestDatabase } from './support/databases';

const AT = '2026-01-01T00:00:00.000Z';

/**
 * Each test builds a database as a hub of an earlier version left it — the migrations up to that version,
 * and rows written in that version's shape — then lets today's hub open it.
 */
describe.each(STORE_KINDS)('the %s hub schema', (_name, createDatabase) => {
  let database: TestDatabase | undefined;
  let dialect: StoreDialect | undefined;
  let store: HubStore | undefined;

  afterEach(async () => {
    await dialect?.close();
    await store?.close();
    await database?.drop();
    [database, dialect, store] = [undefined, undefined, undefined];
  });

  async function databaseAt(version: number): Promise<StoreDialect> {
    database = await createDatabase();
    dialect = openStoreDialect(database.url);
    await migrate(dialect, version);
    return dialect;
  }

  /** Writes through the older version's own shape, as a hub of that version would. */
  async function write(statements: RawBuilder<unknown>[]): Promise<void> {
    for (const statement of statements) await statement.execute(dialect!.writer);
  }

  async function reopenAsToday(): Promise<HubStore> {
    await dialect!.close();
    dialect = undefined;
    store = await openHubStore(database!.url);
    return store;
  }

  async function versionOf(url: string): Promise<number> {
    const reading = openStoreDialect(url);
    try {
      return await reading.writer.transaction().execute((trx) => reading.readVersion(trx));
    } finally {
      await reading.close();
    }
  }

  it('1: creates the log, state, accounts, keys and records, each ready for rows', async () => {
    await databaseAt(1);
    await write([
      sql`INSERT INTO events (seq, id, type, jurisdiction, at, subject, payload)
          VALUES (1, 'e-1', 'alarm.raised', '532901', ${AT}, 'i-1', ${JSON.stringify({ n: 1 })})`,
      sql`INSERT INTO entities (kind, id, jurisdiction, version, doc)
          VALUES ('incident', 'i-1', '532901', 1, ${JSON.stringify({ title: 'a' })})`,
      sql`INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at)
          VALUES ('a-1', 'duty-dali', 'scrypt$x', 'operator', '532901', ${AT})`,
      sql`INSERT INTO api_keys (id, source, jurisdiction, key_hash, created_at)
          VALUES ('k-1', 'grid-app', '5329', 'hash-1', ${AT})`,
      sql`INSERT INTO audit_log (at, actor, action, target, outcome, detail)
          VALUES (${AT}, 'a-1', 'assess', 'i-1', 'accepted', '{}')`,
      sql`INSERT INTO audit_log (at, actor, action, target, outcome, detail)
          VALUES (${AT}, 'a-1', 'close', 'i-1', 'refused', '{}')`,
    ]);
    const { rows: audit } = await sql<{ id: number }>`SELECT id FROM audit_log ORDER BY id`.execute(
      dialect!.writer,
    );
    expect(audit.map((row) => Number(row.id))).toEqual([1, 2]);

    const today = await reopenAsToday();
    expect(await today.eventsBetween(0, 10, '5329', 10)).toEqual([
      expect.objectContaining({ seq: 1, id: 'e-1', subject: 'i-1', payload: { n: 1 } }),
    ]);
    expect(await today.getEntity('incident', 'i-1')).toMatchObject({ version: 1, doc: { title: 'a' } });
    expect(await today.apiKeyByHash('hash-1')).toMatchObject({ source: 'grid-app' });
    expect((await today.auditEntries(10)).map((entry) => entry.action)).toEqual(['close', 'assess']);
  });

  it('2: adds series counters to a database that already holds a log and accounts', async () => {
    await databaseAt(1);
    await write([
      sql`INSERT INTO events (seq, id, type, jurisdiction, at, subject, payload)
          VALUES (1, 'e-1', 'alarm.raised', '532901', ${AT}, NULL, '{}')`,
      sql`INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at)
          VALUES ('a-1', 'duty-dali', 'scrypt$x', 'operator', '532901', ${AT})`,
      sql`INSERT INTO settings (key, value) VALUES ('jwt-secret', 's3cret')`,
    ]);
    await migrate(dialect!, 2);
    await write([sql`INSERT INTO series (name, last) VALUES ('notices/5329/2026', 7)`]);

    const today = await reopenAsToday();
    expect(await today.headSeq()).toBe(1);
    expect(await today.accountByName('duty-dali')).toMatchObject({ id: 'a-1' });
    expect(await today.getSetting('jwt-secret')).toBe('s3cret');
    const [continued, started] = await today.transaction(async (tx) => [
      await tx.nextInSeries('notices/5329/2026'),
      await tx.nextInSeries('notices/532901/2026'),
    ]);
    expect([continued, started]).toEqual([8, 1]);
  });

  it('3: names the people behind accounts and the systems behind keys, keeping those made before', async () => {
    await databaseAt(2);
    await write([
      sql`INSERT INTO accounts (id, name, password_hash, role, jurisdiction, created_at)
          VALUES ('a-1', 'duty-dali', 'scrypt$x', 'operator', '532901', ${AT})`,
      sql`INSERT INTO api_keys (id, source, jurisdiction, key_hash, created_at)
          VALUES ('k-1', 'grid-app', '5329', 'hash-1', ${AT})`,
    ]);

    const today = await reopenAsToday();
    expect(await today.accountByName('duty-dali')).toEqual({
      id: 'a-1',
      name: 'duty-dali',
      passwordHash: 'scrypt$x',
      role: 'operator',
      jurisdiction: '532901',
      createdAt: AT,
      displayName: '',
      post: '',
    });
    expect(await today.apiKeyByHash('hash-1')).toMatchObject({ source: 'grid-app', displayName: '' });
    const named = { ...(await today.accountById('a-1'))!, displayName: '李明', post: '值班员' };
    await today.transaction((tx) => tx.putAccount(named));
    expect(await today.accountById('a-1')).toEqual(named);
  });

  it('opens a database at its own version without changing it, and keeps what it holds', async () => {
    database = await createDatabase();
    store = await openHubStore(database.url);
    await store.transaction((tx) => tx.initSetting('jwt-secret', 's3cret'));
    await store.close();
    store = await openHubStore(database.url);
    expect(await store.getSetting('jwt-secret')).toBe('s3cret');
    expect(await versionOf(database.url)).toBe(MIGRATIONS.length);
  });

  it('refuses a database written by a newer hub, and leaves it as it was', async () => {
    await databaseAt(MIGRATIONS.length);
    await dialect!.writer.transaction().execute((trx) => dialect!.writeVersion(trx, MIGRATIONS.length + 1));
    await dialect!.close();
    dialect = undefined;
    await expect(openHubStore(database!.url)).rejects.toThrow(
      `the hub database is at schema version ${MIGRATIONS.length + 1}, newer than this hub (${MIGRATIONS.length}); upgrade the hub`,
    );
    expect(await versionOf(database!.url)).toBe(MIGRATIONS.length + 1);
  });
});
