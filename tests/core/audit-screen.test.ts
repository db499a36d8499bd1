import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server as SocketServer } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopCore } from '../../src/core/desktop-core';
import { dispatchDesktopCall } from '../../src/core/transports/dispatch';
import { auditQuerySchema, type AuditPage, type AuditRecord, type LoginAnswer } from '../../src/protocol';
import { tempDir } from './support/core-harness';
import { until } from '../support/eventually';

const DALI_CITY = '532901';
const PREFECTURE = '5329';
const CSV = '\uFEFF时间,人员,操作,结果\r\n2026-12-07 09:00:00,审计员 王芳,登录,成功\r\n';

function record(id: number, fields: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id,
    at: new Date(Date.UTC(2026, 11, 7, 1, id)).toISOString(),
    actor: 'duty',
    actorName: '值班员 李明',
    action: 'command.accepted',
    target: `incident-${id}`,
    outcome: 'accepted',
    scope: DALI_CITY,
    detail: { type: 'addNote' },
    ...fields,
  };
}

/** The two pages of the trail the server answers, newest first. */
const PAGES: Record<string, AuditPage> = {
  first: { records: [record(3), record(2, { scope: PREFECTURE, outcome: 'refused' })], next: 2 },
  second: { records: [record(1, { actor: 'key:grid-app', actorName: undefined, scope: null })], next: null },
};

/**
 * A stand-in for the hub's audit API, in the shapes of `src/protocol/audit.ts`: it signs accounts in, checks
 * each query against the protocol's schema and serves fixed pages. (The hub's own audit routes are built
 * elsewhere; this serves the core's client the same shapes over real HTTP.) Its Socket.IO server only lets the
 * core connect, which is when the core signs in.
 */
async function auditServer() {
  const seen: { path: string; query: unknown; authorization: string | undefined }[] = [];
  let malformed = false;
  const app: FastifyInstance = Fastify();
  app.post('/api/v1/auth/login', async (request) => {
    const { name } = request.body as { name: string };
    const role = name === 'auditor' ? 'auditadmin' : 'operator';
    const answer: LoginAnswer = {
      accessToken: `token-of-${name}`,
      refreshToken: `refresh-of-${name}`,
      expiresIn: 900,
      account: { accountId: `acc-${name}`, name, role, jurisdiction: PREFECTURE, person: '审计员 王芳' },
    };
    return answer;
  });
  for (const path of ['/api/v1/audit', '/api/v1/audit/export']) {
    app.get(path, async (request, reply) => {
      seen.push({ path, query: request.query, authorization: request.headers.authorization });
      if (request.headers.authorization !== 'Bearer token-of-auditor') return reply.code(403).send({});
      const query = auditQuerySchema.safeParse(request.query);
      if (!query.success) return reply.code(400).send({ error: { code: 'invalid-query', message: 'bad' } });
      if (path.endsWith('export')) {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`)
          .send(CSV);
      }
      if (malformed) return { records: [{ id: 'x' }], next: null };
      return query.data.before === 2 ? PAGES.second : PAGES.first;
    });
  }
  await app.listen({ port: 0, host: '127.0.0.1' });
  const sockets = new SocketServer(app.server);
  const address = app.server.address() as { port: number };
  return {
    app,
    close: () => sockets.close(),
    url: `http://127.0.0.1:${address.port}`,
    seen,
    setMalformed: (value: boolean) => (malformed = value),
  };
}

describe("the audit screen's calls, against the hub's audit API shapes", () => {
  const dir = tempDir();
  let server: Awaited<ReturnType<typeof auditServer>>;
  let auditor: DesktopCore;
  let operator: DesktopCore;
  let clockAt = Date.now();

  function coreFor(name: string, now?: () => number) {
    const core = new DesktopCore({
      cacheFile: join(dir, `${name}.db`),
      regionId: 'dali',
      hub: { url: server.url, name, password: 'whatever' },
      ...(now ? { now } : {}),
    });
    core.start();
    return core;
  }

  beforeAll(async () => {
    server = await auditServer();
    auditor = coreFor('auditor', () => clockAt);
    operator = coreFor('duty');
    // Signed in once the socket connects; the stand-in never subscribes it, so no status change says so.
    for (const [core, role] of [
      [auditor, 'auditadmin'],
      [operator, 'operator'],
    ] as const)
      await until(`${role} signed in`, () => core.status().operator?.role === role, { timeoutMs: 20_000 });
  });
  afterAll(async () => {
    auditor?.close();
    operator?.close();
    await server?.close();
  });

  const call = (core: DesktopCore, method: string, input: unknown) =>
    dispatchDesktopCall(core.handlers, method, input);

  it('asks for a page with the filters and the session token, and names the scopes of the records', async () => {
    const filter = {
      actor: 'duty',
      action: 'command.',
      from: '2026-12-06T16:00:00.000Z',
      to: '2026-12-07T15:59:59.999Z',
      scope: DALI_CITY,
    };
    const result = await call(auditor, 'audit.search', { ...filter, limit: 2 });
    expect(server.seen.at(-1)).toEqual({
      path: '/api/v1/audit',
      query: { ...filter, limit: '2' },
      authorization: 'Bearer token-of-auditor',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const page = result.value as {
      records: AuditRecord[];
      next: number | null;
      names: Record<string, string>;
    };
    expect(page.records.map((row) => [row.id, row.actorName, row.outcome])).toEqual([
      [3, '值班员 李明', 'accepted'],
      [2, '值班员 李明', 'refused'],
    ]);
    expect(page.next).toBe(2);
    expect(page.names).toEqual({ [DALI_CITY]: '大理市', [PREFECTURE]: '大理白族自治州' });
  });

  it('pages on with the `next` of the page before, to the last', async () => {
    const result = await call(auditor, 'audit.search', { before: 2 });
    expect(result).toMatchObject({
      ok: true,
      value: { next: null, records: [{ id: 1, actor: 'key:grid-app' }] },
    });
    expect(server.seen.at(-1)?.query).toEqual({ before: '2', limit: '100' });
  });

  it("exports the trail under the filters as the hub's CSV, with the hub's file name", async () => {
    const result = await call(auditor, 'audit.export', { action: 'auth.', scope: DALI_CITY });
    expect(result).toEqual({
      ok: true,
      value: { fileName: '审计日志.csv', mimeType: 'text/csv;charset=utf-8', content: CSV },
    });
    expect(server.seen.at(-1)).toMatchObject({
      path: '/api/v1/audit/export',
      query: { action: 'auth.', scope: DALI_CITY },
    });
  });

  it.each([
    ['an actor too long', { actor: 'x'.repeat(101) }],
    ['a time without an offset', { from: '2026-12-07T00:00:00' }],
    ['a scope that is not a code', { scope: '大理' }],
    ['a page size over 500', { limit: 501 }],
    ['a filter the API does not know', { person: 'duty' }],
  ])('refuses %s before asking the hub', async (_case, input) => {
    const asked = server.seen.length;
    expect(await call(auditor, 'audit.search', input)).toMatchObject({
      ok: false,
      error: { code: 'invalidInput' },
    });
    expect(server.seen).toHaveLength(asked);
  });

  it('says the hub could not answer when its page is malformed', async () => {
    server.setMalformed(true);
    try {
      expect(await call(auditor, 'audit.search', {})).toMatchObject({
        ok: false,
        error: { code: 'hubUnavailable' },
      });
    } finally {
      server.setMalformed(false);
    }
  });

  it.each(['audit.search', 'audit.export'])(
    'refuses %s to an operator without asking the hub',
    async (method) => {
      const asked = server.seen.length;
      expect(await call(operator, method, {})).toMatchObject({
        ok: false,
        error: { code: 'roleMayNotSee', params: { role: 'operator', permission: 'read-audit' } },
      });
      expect(server.seen).toHaveLength(asked);
    },
  );

  it("refuses the export on the auditor's locked screen, and still shows the trail", async () => {
    clockAt += 31 * 60_000;
    expect(auditor.status().locked).toBe(true);
    expect(await call(auditor, 'audit.export', {})).toMatchObject({
      ok: false,
      error: { code: 'screenLocked' },
    });
    expect(await call(auditor, 'audit.search', {})).toMatchObject({ ok: true });
  });
});
