import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../src/hub/accounts';
import { verifyAuditChain } from '../../../src/hub/audit/verify';
import { auditPageSchema, type AuditPage } from '../../../src/protocol';
import type { AuditEntry } from '../../../src/hub/store';
import { STORE_KINDS } from '../support/databases';
import {
  DALI_CITY,
  PREFECTURE,
  StreamClient,
  YANGBI,
  addOperator,
  login,
  newCommandId,
  startTestHub,
  type Harness,
} from '../support/hub-harness';

const AT = (minute: number) => new Date(Date.UTC(2026, 11, 1, 0, minute)).toISOString();

/** Records as the hub's other parts write them, in one county and the other, and the hub's own. */
const SEEDED: AuditEntry[] = [
  {
    at: AT(1),
    actor: 'duty-a',
    action: 'auth.login',
    target: null,
    outcome: 'accepted',
    scope: DALI_CITY,
    detail: {},
  },
  {
    at: AT(2),
    actor: 'duty-a',
    action: 'command.assess',
    target: 'i-1',
    outcome: 'accepted',
    scope: DALI_CITY,
    detail: { seqs: [1] },
  },
  {
    at: AT(3),
    actor: 'duty-b',
    action: 'auth.failed',
    target: null,
    outcome: 'refused',
    scope: YANGBI,
    detail: {},
  },
  {
    at: AT(4),
    actor: 'duty-b',
    action: 'command.close',
    target: '=HYPERLINK("http://x")',
    outcome: 'refused',
    scope: YANGBI,
    detail: { note: '-2+3' },
  },
  {
    at: AT(5),
    actor: 'system',
    action: 'audit.purged',
    target: null,
    outcome: 'accepted',
    scope: null,
    detail: {},
  },
];

describe.each(STORE_KINDS)('the audit API on %s', (_name, createDatabase) => {
  let harness: Harness;
  const tokens = new Map<string, string>();
  const names = new Map<string, string>();

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    const { hub } = harness;
    for (const [label, role, jurisdiction] of [
      ['auditor', 'auditadmin', PREFECTURE],
      ['city-auditor', 'auditadmin', DALI_CITY],
      ['operator', 'operator', YANGBI],
      ['commander', 'commander', PREFECTURE],
      ['sysadmin', 'sysadmin', PREFECTURE],
      ['secadmin', 'secadmin', PREFECTURE],
      ['viewer', 'viewer', PREFECTURE],
    ] as const) {
      const { name, password } = await addOperator(hub, role, jurisdiction);
      tokens.set(label, await login(hub, name, password));
      names.set(label, name);
    }
    await createAccount(
      hub.store,
      {
        name: 'duty-a',
        role: 'operator',
        jurisdiction: DALI_CITY,
        displayName: '李明',
        post: '值班员',
      },
      { mustChangePassword: false },
    );
    for (const entry of SEEDED) await hub.store.transaction((tx) => tx.audit(entry));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  const get = (path: string, as: string | null) =>
    fetch(`${harness.hub.url}${path}`, {
      headers: as ? { authorization: `Bearer ${tokens.get(as)}` } : {},
    });

  async function page(query: string, as = 'auditor'): Promise<AuditPage> {
    const response = await get(`/api/v1/audit?${query}`, as);
    expect(response.status).toBe(200);
    return auditPageSchema.parse(await response.json());
  }

  it.each([
    ['actor=duty-a', 'auditor', ['command.assess', 'auth.login']],
    // The seeded records only: the hub records the test accounts' own sign-ins (today) as well.
    [`action=auth.&to=${AT(5)}`, 'auditor', ['auth.failed', 'auth.login']],
    ['action=command.close', 'auditor', ['command.close']],
    [
      `from=${AT(2)}&to=${encodeURIComponent('2026-12-01T08:03:00+08:00')}`,
      'auditor',
      ['auth.failed', 'command.assess'],
    ],
    [`scope=${YANGBI}&action=command.`, 'auditor', ['command.close']],
    // The city's administrator sees the city only: neither the county beside it nor the hub's own records.
    [`from=${AT(1)}&to=${AT(5)}`, 'city-auditor', ['command.assess', 'auth.login']],
    [
      `from=${AT(1)}&to=${AT(5)}`,
      'auditor',
      ['audit.purged', 'command.close', 'auth.failed', 'command.assess', 'auth.login'],
    ],
  ])('filters by %s for the %s, newest first', async (query, as, actions) => {
    const { records } = await page(query, as);
    expect(records.map((record) => record.action)).toEqual(actions);
  });

  it('names the actor as screens do, and pages through with next', async () => {
    const first = await page(`from=${AT(1)}&to=${AT(5)}&limit=3`);
    expect(first.records.map((record) => record.action)).toEqual([
      'audit.purged',
      'command.close',
      'auth.failed',
    ]);
    const second = await page(`from=${AT(1)}&to=${AT(5)}&limit=3&before=${first.next}`);
    expect(second.records.map((record) => record.action)).toEqual(['command.assess', 'auth.login']);
    expect(second.next).toBeNull();
    expect(second.records[0]).toMatchObject({
      actor: 'duty-a',
      actorName: '值班员 李明',
      scope: DALI_CITY,
      detail: { seqs: [1] },
    });
    expect(first.records[0]!.id).toBeGreaterThan(first.records[1]!.id);
  });

  it('records a command refused, under the actor, its type, its target and the jurisdiction it concerns', async () => {
    const client = new StreamClient(harness.hub.url, tokens.get('operator')!);
    try {
      await client.connected();
      const commandId = newCommandId();
      const outcome = await client.command({
        type: 'switchMode',
        commandId,
        jurisdictionCode: YANGBI,
        mode: 'wartime',
        reason: 'flood',
      });
      expect(outcome).toMatchObject({ ok: false, code: 'role-not-permitted' });
      const { records } = await page(`action=command.switchMode&actor=${names.get('operator')}`);
      expect(records).toEqual([
        expect.objectContaining({
          target: YANGBI,
          scope: YANGBI,
          outcome: 'refused',
          detail: expect.objectContaining({ commandId }),
        }),
      ]);
    } finally {
      client.close();
    }
  });

  it.each(['operator', 'commander', 'sysadmin', 'secadmin', 'viewer'])(
    'refuses the %s the trail and its export, and records each attempt',
    async (role) => {
      for (const path of ['/api/v1/audit', '/api/v1/audit/export']) {
        const response = await get(path, role);
        expect(response.status).toBe(403);
        expect(await response.json()).toMatchObject({ error: { code: 'role-not-permitted' } });
      }
      const { records } = await page(`action=audit.read&actor=${names.get(role)}`);
      expect(records.map((record) => [record.outcome, record.target])).toEqual([
        ['refused', '/api/v1/audit/export'],
        ['refused', '/api/v1/audit'],
      ]);
    },
  );

  it('refuses an administrator a jurisdiction outside their own, and records it', async () => {
    const response = await get(`/api/v1/audit?scope=${YANGBI}`, 'city-auditor');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'out-of-scope' } });
    const { records } = await page(`action=audit.read&actor=${names.get('city-auditor')}`);
    expect(records[0]).toMatchObject({ outcome: 'refused', detail: { code: 'out-of-scope' } });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['scope=dali', 'scope'],
    ['from=yesterday', 'from'],
    ['before=-3', 'before'],
    ['colour=red', 'colour'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const response = await get(`/api/v1/audit?${query}`, 'auditor');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; problems: string[] } };
    expect(body.error.code).toBe('invalid-query');
    expect(body.error.problems.join(' ')).toContain(field);
  });

  it('answers 401 without a token', async () => {
    expect((await get('/api/v1/audit', null)).status).toBe(401);
  });

  it('exports CSV with a BOM and cells that cannot run as formulas, and records the export', async () => {
    const response = await get(`/api/v1/audit/export?scope=${YANGBI}&from=${AT(1)}&to=${AT(5)}`, 'auditor');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFF编号,时间,')).toBe(true);
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://x"")",refused,${YANGBI},`);
    expect(lines[1]).toContain('2026-12-01T08:04:00+08:00');
    const { records } = await page('action=audit.exported');
    expect(records[0]).toMatchObject({
      actor: names.get('auditor'),
      outcome: 'accepted',
      scope: YANGBI,
      detail: { rows: 2, filter: { scope: YANGBI, from: AT(1), to: AT(5) } },
    });
  });

  it('leaves a trail that verifies', async () => {
    expect(await verifyAuditChain(harness.hub.store, harness.hub.keys.audit)).toMatchObject({ ok: true });
  });
});
