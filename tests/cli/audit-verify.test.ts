import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreDialect } from '../../src/hub/store';
import { STORE_KINDS, type TestDatabase } from '../hub/support/databases';
import { addOperator, startTestHub } from '../hub/support/hub-harness';

const pingan = fileURLToPath(new URL('../../bin/pingan.js', import.meta.url));
const run = promisify(execFile);

async function pinganAudit(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [pingan, 'audit', ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(STORE_KINDS)('pingan audit on a %s database a hub wrote', (_kind, createDatabase) => {
  let database: TestDatabase;
  let keysDir: string;
  let written: number;

  beforeAll(async () => {
    database = await createDatabase();
    keysDir = mkdtempSync(join(tmpdir(), 'pingan-keys-'));
    const harness = await startTestHub(database, { keysDir });
    // Two records of a year ago, past their retention, then what adding accounts records today.
    const yearAgo = new Date(Date.now() - 365 * 24 * 60 * 60 * 1000).toISOString();
    for (const action of ['auth.login', 'auth.logout'])
      await harness.hub.store.transaction((tx) =>
        tx.audit({
          at: yearAgo,
          actor: 'duty',
          action,
          target: null,
          outcome: 'accepted',
          scope: '5329',
          detail: {},
        }),
      );
    for (const role of ['operator', 'commander', 'viewer', 'auditadmin'])
      await addOperator(harness.hub, role, '5329');
    written = (await harness.hub.store.auditChain(0, 100)).length;
    await harness.hub.close();
  }, 60_000);
  afterAll(async () => {
    await database.drop();
  });

  /** SQL straight on the database, as someone with access to it but not to the key would run it. */
  async function tamper(statement: ReturnType<typeof sql>) {
    const dialect = openStoreDialect(database.url);
    try {
      await statement.execute(dialect.writer);
    } finally {
      await dialect.close();
    }
  }

  const verify = (...extra: string[]) =>
    pinganAudit(['verify', '--db', database.url, '--keys', keysDir, ...extra]);

  it('finds the trail intact: exit 0 and one line saying how many records, from when to when', async () => {
    const result = await verify();
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(
      new RegExp(
        `^Audit trail intact: ${written} records checked, no\\. 1 at \\S+\\+08:00 to no\\. ${written} at \\S+\\+08:00$`,
      ),
    );
    expect(JSON.parse((await verify('--json')).stdout)).toEqual({ ok: true, records: written });
  });

  it('refuses a purge inside the retention period and removes nothing', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const result = await pinganAudit(['purge', '--before', today, '--db', database.url, '--keys', keysDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/refused: audit records are kept at least 180 days/);
    expect(JSON.parse((await verify('--json')).stdout)).toEqual({ ok: true, records: written });
  });

  it('refuses to check without the key, rather than make one up', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'pingan-keys-'));
    const result = await pinganAudit(['verify', '--db', database.url, '--keys', empty]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`there is no key at ${join(empty, 'audit.key')}`);
  });

  it('purges the records past retention, records the purge, and the rest still verifies', async () => {
    const longAgo = new Date(Date.now() - 200 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const result = await pinganAudit(['purge', '--before', longAgo, '--db', database.url, '--keys', keysDir]);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(
      'Removed 2 audit records, up to no. 2; the trail continues from its anchor',
    );
    const after = await verify();
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(
      new RegExp(`^Audit trail intact: ${written - 1} records checked, no\\. 3 at `),
    );
  });

  it('fails at the first record under keys that are not the database’s', async () => {
    const otherKeys = mkdtempSync(join(tmpdir(), 'pingan-keys-'));
    for (const file of ['audit.key', 'personal-data.key'])
      writeFileSync(join(otherKeys, file), `${randomBytes(32).toString('hex')}\n`);
    const result = await pinganAudit(['verify', '--db', database.url, '--keys', otherKeys, '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, records: 0, brokenAt: 3 });
  });

  it('names the record after one deleted in the database', async () => {
    await tamper(sql`DELETE FROM audit_log WHERE number = 5`);
    const result = await verify('--json');
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      records: 2,
      brokenAt: 6,
      reason: 'deleted: record 5 is missing before it',
    });
  });

  it('names the record edited in the database, exit 2, and the --json shape', async () => {
    await tamper(sql`UPDATE audit_log SET action = 'account.deleted' WHERE number = 4`);
    const result = await verify();
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Audit trail BROKEN at record 4 \(account\.deleted, \S+\): edited/);
    const json = await verify('--json');
    expect(json.code).toBe(2);
    const answer = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual(['ok', 'records', 'brokenAt', 'reason']);
    expect(answer).toMatchObject({
      ok: false,
      records: 1,
      brokenAt: 4,
      reason: expect.stringMatching(/^edited/) as unknown,
    });
  });
});
