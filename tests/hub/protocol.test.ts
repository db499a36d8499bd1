import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LocalCache } from '../../src/core/cache/local-cache';
import { HubSession } from '../../src/core/sync/hub-session';
import { HubSync, type SyncStatus } from '../../src/core/sync/hub-sync';
import { Outbox } from '../../src/core/sync/outbox';
import type { HubEvent } from '../../src/domain';
import { startHub, type Hub } from '../../src/hub/server';
import { PROTOCOL_VERSION, type LoginAnswer } from '../../src/protocol';
import { tempDir } from '../core/support/core-harness';
import { createSqliteDatabase, type TestDatabase } from './support/databases';
import {
  DALI_CITY,
  StreamClient,
  addKey,
  addOperator,
  login,
  placeIn,
  postReports,
  report,
} from './support/hub-harness';

/** A pino logger whose lines the test reads. */
function recordingLogger() {
  const lines: { level: number; msg: string; event?: string; problems?: string }[] = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('the hub refuses malformed frames from a client, applying nothing', () => {
  let hub: Hub;
  let database: TestDatabase;
  let client: StreamClient;
  let incidentId: string;
  const hubLog = recordingLogger();

  beforeAll(async () => {
    database = createSqliteDatabase();
    hub = await startHub({ db: database.url, region: 'dali', port: 0, logger: hubLog.logger });
    const operator = await addOperator(hub, 'operator', DALI_CITY);
    const key = await addKey(hub, DALI_CITY);
    [incidentId] = (await postReports(hub.url, key, [report(placeIn(hub.region, DALI_CITY))])).created as [
      string,
    ];
    client = new StreamClient(hub.url, await login(hub, operator.name, operator.password));
    expect((await client.subscribe(0)).ok).toBe(true);
  });
  afterAll(async () => {
    client?.close();
    await hub?.close();
    await database?.drop();
  });

  const huge = Number.MAX_VALUE;
  const frames: [event: string, frame: unknown, problem: RegExp][] = [
    ['subscribe', { since: 'zero' }, /since/],
    ['subscribe', {}, /since/],
    ['subscribe', { since: 0, extra: true }, /extra/],
    ['subscribe', { since: huge }, /since/],
    ['subscribe', { since: 2 ** 53 }, /since/],
    ['subscribe', { since: -1 }, /since/],
    ['subscribe', { since: 0, scope: '5329\u0000' }, /scope/],
    ['subscribe', [0], /frame|expected object/],
    ['subscribe', null, /frame|expected object/],
    ['backfill', { after: 'a', through: 1 }, /after/],
    ['backfill', { after: 5, through: 1 }, /through must not be before after/],
    ['backfill', { after: 0 }, /through/],
    ['backfill', { after: 0, through: huge }, /through/],
    ['backfill', { after: 0, through: 1, more: [] }, /more/],
    ['backfill', [], /frame|expected object/],
    ['backfill', null, /frame|expected object/],
    ['presence', { incidentId: 123 }, /incidentId/],
    ['presence', {}, /incidentId/],
    ['presence', { incidentId: 'inc\u0000ident' }, /control or invisible/],
    ['presence', { incidentId: 'inc\u200bident' }, /control or invisible/],
    ['presence', { incidentId: 'x'.repeat(1000) }, /incidentId/],
    ['presence', { incidentId: null, extra: 1 }, /extra/],
    ['presence', [null], /frame|expected object/],
    ['presence', null, /frame|expected object/],
    ['directory', { everyone: true }, /everyone/],
    ['directory', [], /frame|expected object/],
    ['directory', null, /frame|expected object/],
    ['command', { type: 'incident.assess', commandId: randomUUID() }, /./],
    ['command', { type: 'incident.assess', commandId: randomUUID(), incidentId: 42, riskLevel: 'red' }, /./],
    ['command', [], /./],
    ['command', null, /./],
  ];

  it.each(frames)('%s %j is refused with the problem', async (event, frame, problem) => {
    const head = await hub.store.headSeq();
    const logged = hubLog.lines.length;
    const answer = (await client.socket.timeout(5000).emitWithAck(event, frame)) as {
      ok: boolean;
      error?: string;
      reason?: string;
    };
    expect(answer.ok).toBe(false);
    expect(answer.error ?? answer.reason).toMatch(problem);
    expect(await hub.store.headSeq()).toBe(head);
    const refusal = hubLog.lines.slice(logged).find((line) => line.msg === 'refused a malformed frame');
    expect(refusal).toMatchObject({ event });
  });

  it('leaves the stream as it was: the incident has nobody looking, the log its one report', async () => {
    const viewers = (await client.socket.emitWithAck('presence', { incidentId })) as { ok: boolean };
    expect(viewers).toMatchObject({ ok: true });
    expect(client.events.map((event) => event.type)).toEqual(['incident.reported']);
  });

  it.each([
    ['an older client', 0],
    ['a newer client', PROTOCOL_VERSION + 1],
    ['a client that does not say', undefined],
  ])('refuses %s with protocol-mismatch and both versions', async (_who, protocol) => {
    const socket = connect(hub.url, {
      auth: { token: 'irrelevant', ...(protocol === undefined ? {} : { protocol }) },
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error & { data?: unknown }>((resolve) =>
      socket.once('connect_error', resolve),
    );
    socket.close();
    expect(error.message).toMatch(/^protocol-mismatch/);
    expect(error.data).toEqual({
      code: 'protocol-mismatch',
      params: { client: protocol ?? 'none', hub: PROTOCOL_VERSION },
    });
  });
});

/**
 * A hub in name only: it signs anyone in and answers a subscription, and the test decides every frame it
 * sends, so the desktop's sync can be shown what a real hub never sends.
 */
class FakeHub {
  readonly http: HttpServer;
  readonly io: Server;
  subscribeAnswer: Record<string, unknown> = {
    ok: true,
    scope: DALI_CITY,
    mode: 'replay',
    liveFrom: 0,
    replayed: 0,
    protocol: PROTOCOL_VERSION,
  };
  /** Set to refuse every connection the way a hub of another protocol does. */
  speaks: number = PROTOCOL_VERSION;
  private readonly subscribed: ServerSocket[] = [];
  private readonly waiting: ((socket: ServerSocket) => void)[] = [];

  constructor() {
    this.http = createServer((request, response) => {
      const answer: LoginAnswer = {
        accessToken: 'access',
        refreshToken: 'refresh',
        expiresIn: 900,
        account: { accountId: 'a1', name: 'duty', role: 'operator', jurisdiction: DALI_CITY },
      };
      request.resume();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    this.io = new Server(this.http);
    this.io.use((socket, next) => {
      const { protocol } = socket.handshake.auth as { protocol?: number };
      if (protocol === this.speaks) return next();
      const refusal = new Error(`protocol-mismatch: the client speaks ${protocol}, the hub ${this.speaks}`);
      next(
        Object.assign(refusal, {
          data: { code: 'protocol-mismatch', params: { client: protocol ?? 'none', hub: this.speaks } },
        }),
      );
    });
    this.io.on('connection', (socket) => {
      socket.on('subscribe', (_request: unknown, ack: (answer: unknown) => void) => {
        ack(this.subscribeAnswer);
        const waiter = this.waiting.shift();
        if (waiter) waiter(socket);
        else this.subscribed.push(socket);
      });
    });
  }

  async listen(): Promise<string> {
    this.http.listen(0, '127.0.0.1');
    await once(this.http, 'listening');
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  /** The next connection that subscribes. */
  subscriber(): Promise<ServerSocket> {
    const ready = this.subscribed.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => this.waiting.push(resolve));
  }

  async close(): Promise<void> {
    await this.io.close();
  }
}

const at = '2026-03-10T08:00:00+08:00';
function modeSwitched(seq: number): HubEvent {
  return {
    seq,
    id: randomUUID(),
    type: 'mode.switched',
    jurisdiction: DALI_CITY,
    at,
    payload: {
      state: {
        jurisdictionCode: DALI_CITY,
        mode: 'wartime',
        since: at,
        reason: '地震响应',
        switchedBy: 'u1',
      },
      previous: 'peacetime',
    },
  };
}

describe('the desktop refuses malformed frames from a hub, applying nothing', () => {
  let fake: FakeHub;
  let sync: HubSync | undefined;
  let cache: LocalCache;
  const logged: string[] = [];
  const statuses: SyncStatus[] = [];
  const applied: number[] = [];

  async function startSync(): Promise<void> {
    const url = await fake.listen();
    cache = new LocalCache(join(tempDir(), 'cache.db'));
    const session = new HubSession(url, { name: 'duty', password: 'secret' });
    sync = new HubSync(
      session,
      cache,
      new Outbox(cache.db),
      {
        onStatus: (status) => statuses.push(status),
        onApplied: ({ cursor }) => applied.push(cursor),
        onCommandSettled: () => undefined,
      },
      (line) => logged.push(line),
    );
    sync.start();
  }

  function statusWhere(predicate: (status: SyncStatus) => boolean): Promise<SyncStatus> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no such status; last ${JSON.stringify(statuses.at(-1))}`)),
        15_000,
      );
      const check = () => {
        const found = statuses.find(predicate);
        if (!found) return setTimeout(check, 10);
        clearTimeout(timer);
        resolve(found);
      };
      check();
    });
  }

  afterEach(async () => {
    sync?.stop();
    await fake.close();
    logged.length = statuses.length = applied.length = 0;
  });

  it('logs and refuses each malformed frame, then applies a good one', async () => {
    fake = new FakeHub();
    await startSync();
    const hub = await fake.subscriber();
    const good = modeSwitched(1);
    const malformed: [event: string, ...args: unknown[]][] = [
      ['events', [good], null],
      ['events', [good], { after: 0 }],
      ['events', [good], { after: 3, through: 2 }],
      ['events', [good], { after: 1, through: 2 }],
      ['events', [{ ...good, seq: 0 }], { after: 0, through: 1 }],
      ['events', [{ ...good, seq: 2 ** 60 }], { after: 0, through: 2 ** 60 }],
      ['events', [{ ...good, type: 'mode.exploded' }], { after: 0, through: 1 }],
      ['events', [{ ...good, jurisdiction: '53\u00002901' }], { after: 0, through: 1 }],
      ['events', [{ ...good, at: 'yesterday' }], { after: 0, through: 1 }],
      ['events', [{ ...good, payload: null }], { after: 0, through: 1 }],
      ['events', { 0: good }, { after: 0, through: 1 }],
      ['events', [good, good], { after: 0, through: 1 }],
      [
        'snapshot',
        { seq: 5, entities: [{ kind: 'mode', id: 'x', jurisdiction: DALI_CITY, version: 1, doc: null }] },
      ],
      ['snapshot', { seq: -5, entities: [] }],
      [
        'snapshot',
        { seq: 5, entities: [{ kind: 'spaceship', id: 'x', jurisdiction: DALI_CITY, version: 1, doc: {} }] },
      ],
      ['snapshot', null],
      ['catch-up', { from: 10, to: 2 }],
      ['catch-up', ['from', 'to']],
      ['presence', { incidentId: 'x', viewers: [{ accountId: 1 }] }],
    ];
    for (const [event, ...args] of malformed) hub.emit(event, ...args);
    hub.emit('events', [good], { after: 0, through: 1 });

    await statusWhere((status) => status.cursor === 1);
    expect(applied).toEqual([1]);
    const refusals = logged.filter((line) => line.startsWith('refused a malformed'));
    // Presence frames belong to the collaboration, which this sync does not run: the rest are the sync's.
    expect(refusals).toHaveLength(malformed.length - 1);
    expect(refusals[0]).toMatch(/^refused a malformed events frame from the hub: bounds/);
    expect(cache.counts()).toEqual({ events: 1, entities: { mode: 1 } });
    expect(cache.getEntity('mode', DALI_CITY)).toMatchObject({ version: 1, doc: { mode: 'wartime' } });
  });

  it('says in one line that a hub of another protocol refuses it, and stops trying', async () => {
    fake = new FakeHub();
    fake.speaks = PROTOCOL_VERSION + 1;
    await startSync();
    const refused = await statusWhere((status) => status.hubRefusal !== null);
    expect(refused).toMatchObject({
      connection: 'offline',
      hubRefusal: {
        code: 'protocolMismatch',
        params: { desktop: PROTOCOL_VERSION, hub: PROTOCOL_VERSION + 1 },
      },
    });
    expect(refused.lastError).toMatch(/^protocol-mismatch: .+; update the older one$/);
    expect(logged).toEqual([refused.lastError]);
  });

  it('refuses a hub that answers in another protocol, before going online', async () => {
    fake = new FakeHub();
    fake.subscribeAnswer = { ...fake.subscribeAnswer, protocol: PROTOCOL_VERSION + 1 };
    await startSync();
    const refused = await statusWhere((status) => status.hubRefusal !== null);
    expect(refused.hubRefusal).toMatchObject({
      params: { desktop: PROTOCOL_VERSION, hub: PROTOCOL_VERSION + 1 },
    });
    expect(statuses.some((status) => status.connection === 'online')).toBe(false);
    expect(logged).toHaveLength(1);
  });
});
