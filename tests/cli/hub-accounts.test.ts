import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../src/hub/auth/api-keys';
import { unitOfSource } from '../../src/hub/ingest/unit-keys';
import { recordEvents } from '../../src/hub/projector';
import { openHubStore } from '../../src/hub/store';
import { STORE_KINDS, type TestDatabase } from '../hub/support/databases';

const pingan = fileURLToPath(new URL('../../bin/pingan.js', import.meta.url));
const run = promisify(execFile);

/** Runs `pingan` in a folder of its own, so a write to `./data/hub.db` there would show. */
async function pinganIn(cwd: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [pingan, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.each(STORE_KINDS)('pingan hub user/key add on %s', (_kind, createDatabase) => {
  let database: TestDatabase;
  let cwd: string;
  let keysDir: string;

  beforeAll(async () => {
    database = await createDatabase();
    // The hub creates its database on its first run; the command line adds to one that exists.
    await (await openHubStore(database.url)).close();
    cwd = mkdtempSync(join(tmpdir(), 'pingan-cli-'));
    // What the account commands write to the audit trail is sealed with the hub's keys, kept outside `cwd`.
    keysDir = mkdtempSync(join(tmpdir(), 'pingan-keys-'));
  }, 60_000);
  afterAll(async () => {
    await database.drop();
  });

  const accountsAt = async (url: string, name: string) => {
    const store = await openHubStore(url);
    try {
      return await store.accountByName(name);
    } finally {
      await store.close();
    }
  };

  it.each([
    ['after the subcommand', (db: string) => ['hub', 'user', 'add', '--db', db]],
    ['before the subcommand', (db: string) => ['hub', '--db', db, 'user', 'add']],
    ['last, with =', (db: string) => ['hub', 'user', 'add', `--db=${db}`]],
  ])(
    'honours --db placed %s and says where the account went',
    async (placement, argsWith) => {
      const name = `duty-${placement.replace(/\W+/g, '-')}`;
      const result = await pinganIn(cwd, [
        ...argsWith(database.url),
        '--keys',
        keysDir,
        '--name',
        name,
        '--role',
        'operator',
        '--jurisdiction',
        '532901',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `added to ${database.url.startsWith('sqlite:') ? database.url.slice(7) : database.url}`,
      );
      expect((await accountsAt(database.url, name))?.role).toBe('operator');
      expect(existsSync(join(cwd, 'data'))).toBe(false);
    },
    60_000,
  );

  it('adds an account of one of the separated administrator roles, to change its password at first sign-in', async () => {
    const result = await pinganIn(cwd, [
      ...['hub', 'user', 'add', '--db', database.url, '--name', 'security-2', '--role', 'secadmin'],
      ...['--jurisdiction', '5329', '--json', '--keys', keysDir],
    ]);
    expect(result.code).toBe(0);
    const stored = await accountsAt(database.url, 'security-2');
    expect(stored?.role).toBe('secadmin');
    const store = await openHubStore(database.url);
    try {
      expect((await store.accountSecurity(stored!.id))?.mustChangePassword).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('honours --db for an ingest key', async () => {
    const result = await pinganIn(cwd, [
      'hub',
      'key',
      'add',
      '--source',
      'hotline',
      '--jurisdiction',
      '5329',
      '--json',
      '--db',
      database.url,
      '--keys',
      keysDir,
    ]);
    expect(result.code).toBe(0);
    const { key } = JSON.parse(result.stdout) as { key: string };
    const store = await openHubStore(database.url);
    try {
      expect((await store.apiKeyByHash(hashApiKey(key)))?.source).toBe('hotline');
    } finally {
      await store.close();
    }
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  }, 60_000);

  it("binds a key made with --unit to the unit, in the unit's jurisdiction", async () => {
    const unit = {
      id: 'unit-532901-police',
      name: '大理市公安局',
      kind: 'police' as const,
      jurisdictionCode: '532901',
    };
    const store = await openHubStore(database.url);
    try {
      await store.transaction((tx) =>
        recordEvents(tx, [
          {
            type: 'units.registered',
            jurisdiction: '532901',
            at: new Date().toISOString(),
            payload: { units: [unit] },
          },
        ]),
      );
    } finally {
      await store.close();
    }
    const args = ['hub', 'key', 'add', '--source', 'police-portal', '--json', '--db', database.url];
    const result = await pinganIn(cwd, [...args, '--unit', unit.id, '--keys', keysDir]);
    expect(result.stderr).toBe('');
    const { key } = JSON.parse(result.stdout) as { key: string };
    const after = await openHubStore(database.url);
    try {
      expect(await after.apiKeyByHash(hashApiKey(key))).toMatchObject({
        source: 'police-portal',
        jurisdiction: '532901',
      });
      expect(await unitOfSource(after, 'police-portal')).toBe(unit.id);
    } finally {
      await after.close();
    }
    const unknown = await pinganIn(cwd, [
      ...args.slice(0, 4),
      'other-portal',
      '--db',
      database.url,
      '--unit',
      'x',
      '--keys',
      keysDir,
    ]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('no member unit x');
  }, 60_000);
});

describe('pingan hub user add refuses a database that does not exist', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'pingan-cli-'));
  const account = ['--name', 'nobody', '--role', 'operator', '--jurisdiction', '532901'];

  it.each([
    [
      'a SQLite file that is not there',
      `sqlite:${join(cwd, 'no-such', 'hub.db')}`,
      /no hub database at .*no-such/,
    ],
    [
      'a PostgreSQL database that is not there',
      'postgres://postgres@127.0.0.1:5432/pingan_no_such_db',
      /no such PostgreSQL database/,
    ],
  ])(
    '%s: exits non-zero, says why, creates nothing',
    async (_case, db, reason) => {
      const result = await pinganIn(cwd, ['hub', 'user', 'add', '--db', db, ...account]);
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(reason);
      expect(result.stdout).not.toMatch(/password/i);
      expect(existsSync(join(cwd, 'no-such'))).toBe(false);
      expect(existsSync(join(cwd, 'data'))).toBe(false);
    },
    60_000,
  );
});
