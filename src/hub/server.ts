import { createAdapter } from '@socket.io/redis-adapter';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { z } from 'zod';
import { isWithin, withheldKinds } from '../domain';
import { stateChecksum } from './checksum';
import { authenticate, personName } from './accounts';
import { hashApiKey } from './auth/api-keys';
import { TokenError, TokenService, generateSigningSecret, type OperatorClaims } from './auth/tokens';
import { CommandHandler } from './commands';
import { EscalationSweep } from './escalation-sweep';
import { codeForFastifyError, sendError } from './http/errors';
import { buildOpenApiDocument } from './http/openapi';
import { INGEST_ENDPOINTS, type IngestPath } from '../protocol/ingest';
import { IngestError, IngestService } from './ingest/ingest-service';
import { createHubMetrics, type HubMetrics } from './observability/metrics';
import { RegionIndex } from './region-index';
import { openHubStore, type ApiKeyRecord, type HubStore } from './store';
import { LiveBroadcaster } from './stream/broadcaster';
import { Presence, presenceRequestSchema } from './stream/presence';
import { backfill, catchUpAndJoin, type Audience } from './stream/subscription';

export interface HubOptions {
  /** `sqlite:./data/hub.db` or `postgres://…`. */
  db: string;
  region: string;
  regionsDir?: string;
  port?: number;
  host?: string;
  /** When set, this hub shares its stream with other hub processes through Redis. */
  redisUrl?: string;
  logger?: Logger;
  /** Ingest requests allowed per API key per minute. */
  ingestRateLimit?: number;
  /** The hub's clock for commands and escalations, in ms; tests move it instead of waiting. */
  clock?: () => number;
  /** How often overdue cases are escalated, in ms; 0 for never on its own (`sweepEscalations` still does). */
  escalationSweepMs?: number;
}

export interface Hub {
  url: string;
  port: number;
  store: HubStore;
  region: RegionIndex;
  metrics: HubMetrics;
  /** Escalates every case overdue now, at once; returns how many escalations it recorded. */
  sweepEscalations(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_ESCALATION_SWEEP_MS = 30_000;

const JWT_SECRET_SETTING = 'jwt-secret';

const loginBodySchema = z.object({ name: z.string().min(1), password: z.string().min(1) }).strict();
const refreshBodySchema = z.object({ refreshToken: z.string().min(1) }).strict();
const subscribeSchema = z
  .object({
    since: z.number().int().nonnegative(),
    /** Narrower than the account's jurisdiction, for a screen that follows one county; never wider. */
    scope: z.string().regex(/^\d+$/).optional(),
  })
  .strict();

const checksumQuerySchema = z
  .object({ scope: z.string().regex(/^\d+$/).optional(), account: z.string().min(1).optional() })
  .strict();

const backfillSchema = z
  .object({ after: z.number().int().nonnegative(), through: z.number().int().nonnegative() })
  .strict()
  .refine((range) => range.through >= range.after, { message: 'through must not be before after' });

/**
 * The secret every hub on this database signs tokens with, so that a token from one is good at all of them.
 * Hubs started together on a new database each offer one; they all use the one stored first.
 */
async function signingSecret(store: HubStore): Promise<string> {
  const saved = await store.getSetting(JWT_SECRET_SETTING);
  if (saved) return saved;
  await store.transaction((tx) => tx.initSetting(JWT_SECRET_SETTING, generateSigningSecret()));
  return (await store.getSetting(JWT_SECRET_SETTING))!;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
}

function zodProblems(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 50)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const logger = options.logger ?? pino({ level: process.env.PINGAN_LOG_LEVEL ?? 'info' });
  const store = await openHubStore(options.db);
  const region = new RegionIndex(options.region, options.regionsDir);
  const tokens = new TokenService(await signingSecret(store));
  const metrics = createHubMetrics();

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  // JSON only: anything else is refused with 415 rather than parsed as text.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );
  const io = new Server(app.server, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });

  let redis: { pub: Redis; sub: Redis } | undefined;
  if (options.redisUrl) {
    redis = { pub: new Redis(options.redisUrl), sub: new Redis(options.redisUrl) };
    io.adapter(createAdapter(redis.pub, redis.sub, { key: 'pingan' }));
  }

  const broadcaster = new LiveBroadcaster(io, store, {
    onBroadcast(events, deliveries) {
      metrics.eventsDelivered.inc(deliveries);
      const now = Date.now();
      for (const event of events) metrics.ingestToBroadcast.observe((now - Date.parse(event.at)) / 1000);
    },
    onError(error) {
      logger.error({ err: error }, 'live broadcast failed; retrying');
    },
  });
  await broadcaster.start();

  /** Tells this hub's broadcaster, and through Redis every other hub's, that the log has grown. */
  function announceCommit(): void {
    broadcaster.notifyCommitted();
    if (redis) io.serverSideEmit('committed');
  }
  io.on('committed', () => broadcaster.notifyCommitted());

  const commands = new CommandHandler(
    store,
    (outcome, command) => {
      if (outcome.ok) {
        metrics.commandsAccepted.inc({ type: command?.type ?? 'unknown' });
        announceCommit();
      } else {
        metrics.commandsRefused.inc({ reason: outcome.code });
      }
    },
    options.clock,
  );
  const escalations = new EscalationSweep(store, options.clock ?? Date.now, (seqs) => {
    metrics.eventsAppended.inc(seqs.length);
    announceCommit();
  });
  const sweepMs = options.escalationSweepMs ?? DEFAULT_ESCALATION_SWEEP_MS;
  // A sweep that outlasts the interval is not joined by another.
  let sweeping: Promise<unknown> | null = null;
  const sweepTimer =
    sweepMs > 0
      ? setInterval(() => {
          sweeping ??= escalations
            .sweep()
            .catch((error: unknown) => logger.error({ err: error }, 'overdue escalation failed; retrying'))
            .finally(() => (sweeping = null));
        }, sweepMs)
      : undefined;
  commands.checkPlacesAgainst(region);
  const ingest = new IngestService(store, region, commands, (seqs) => {
    metrics.eventsAppended.inc(seqs.length);
    announceCommit();
  });

  // ---- live stream -------------------------------------------------------------------------------
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') {
      next(new Error('unauthorized: sign in first and connect with { auth: { token } }'));
      return;
    }
    tokens.verify(token, 'access').then(
      (claims) => {
        socket.data.claims = claims;
        next();
      },
      (error: unknown) => next(new Error(`unauthorized: ${(error as Error).message}`)),
    );
  });

  const presence = new Presence(io);

  io.on('connection', (socket) => {
    metrics.clients.inc();
    socket.on('disconnect', () => metrics.clients.dec());
    const claims = socket.data.claims as OperatorClaims;

    // A socket's rooms are known while it is disconnecting and left by the time it has disconnected.
    let openWhenLeaving: string[] = [];
    socket.on('disconnecting', () => (openWhenLeaving = presence.openOn(socket)));
    socket.on('disconnect', () => openWhenLeaving.forEach((id) => void presence.announce(id)));

    socket.on('presence', async (raw: unknown, ack?: (reply: unknown) => void) => {
      const reply = (body: unknown) => (typeof ack === 'function' ? ack(body) : undefined);
      const parsed = presenceRequestSchema.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: zodProblems(parsed.error).join('; ') });
      const { incidentId } = parsed.data;
      // Who looks at what is itself information: only about incidents the account may see.
      const incident = incidentId === null ? null : await store.getEntity('incident', incidentId);
      if (incidentId !== null && (!incident || !isWithin(incident.jurisdiction, claims.jurisdiction))) {
        return reply({ ok: false, error: `there is no incident ${incidentId} in your jurisdiction` });
      }
      reply({ ok: true, viewers: await presence.open(socket, incidentId) });
    });

    /** The accounts whose actions this one can see: names for the full-process record. */
    socket.on('directory', async (_raw: unknown, ack?: (reply: unknown) => void) => {
      if (typeof ack !== 'function') return;
      const relates = ({ jurisdiction }: { jurisdiction: string }) =>
        isWithin(jurisdiction, claims.jurisdiction) || isWithin(claims.jurisdiction, jurisdiction);
      const related = (await store.listAccounts()).filter(relates);
      // Field systems act through API keys, recorded as `key:<source>`: they are named like people.
      const keys = (await store.listApiKeys()).filter(relates).map((key) => ({
        id: `key:${key.source}`,
        name: key.source,
        role: 'field-system',
        jurisdiction: key.jurisdiction,
        displayName: key.displayName,
        post: '',
      }));
      ack({
        ok: true,
        accounts: [
          ...related.map(({ id, name, role, jurisdiction, displayName, post }) => ({
            id,
            name,
            role,
            jurisdiction,
            displayName,
            post,
          })),
          ...keys,
        ],
      });
    });

    socket.on('subscribe', async (raw: unknown, ack?: (reply: unknown) => void) => {
      const reply = (body: unknown) => (typeof ack === 'function' ? ack(body) : undefined);
      const parsed = subscribeSchema.safeParse(raw);
      if (!parsed.success) return reply({ ok: false, error: zodProblems(parsed.error).join('; ') });
      const scope = parsed.data.scope ?? claims.jurisdiction;
      if (!isWithin(scope, claims.jurisdiction)) {
        return reply({
          ok: false,
          error: `scope ${scope} lies outside your jurisdiction ${region.describe(claims.jurisdiction)}`,
        });
      }
      let backlog = 0;
      try {
        const result = await catchUpAndJoin(
          socket,
          store,
          broadcaster,
          { scope, role: claims.role },
          parsed.data.since,
          (remaining) => {
            metrics.replayBacklog.inc(remaining - backlog);
            backlog = remaining;
          },
        );
        reply({ ok: true, scope, ...result });
      } catch (error) {
        metrics.replayBacklog.dec(backlog);
        logger.error({ err: error }, 'subscription failed');
        reply({ ok: false, error: 'the hub could not read its log; try again' });
      }
    });

    socket.on('backfill', async (raw: unknown, ack?: (reply: unknown) => void) => {
      if (typeof ack !== 'function') return;
      const parsed = backfillSchema.safeParse(raw);
      const audience = socket.data.audience as Audience | undefined;
      if (!parsed.success) return ack({ ok: false, error: zodProblems(parsed.error).join('; ') });
      if (audience === undefined) return ack({ ok: false, error: 'subscribe first' });
      try {
        ack({ ok: true, ...(await backfill(store, audience, parsed.data.after, parsed.data.through)) });
      } catch (error) {
        logger.error({ err: error }, 'backfill failed');
        ack({ ok: false, error: 'the hub could not read its log; try again' });
      }
    });

    socket.on('command', async (raw: unknown, ack?: (reply: unknown) => void) => {
      try {
        const outcome = await commands.handle(claims, raw);
        if (typeof ack === 'function') ack(outcome);
      } catch (error) {
        logger.error({ err: error }, 'command failed');
        if (typeof ack === 'function')
          ack({ ok: false, code: 'internal-error', reason: 'the hub failed; retry' });
      }
    });
  });

  // ---- HTTP ---------------------------------------------------------------------------------------
  app.setErrorHandler((error: { code?: string; statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode ?? 500;
    const code = codeForFastifyError(error);
    if (request.url.startsWith('/api/v1/') && status < 500) {
      metrics.ingestRejections.inc({ endpoint: request.routeOptions.url ?? request.url, reason: code });
    }
    if (status >= 500) logger.error({ err: error }, 'request failed');
    const message =
      code === 'unsupported-content-type'
        ? `send JSON: Content-Type must be application/json, not ${request.headers['content-type'] ?? 'missing'}`
        : status >= 500
          ? 'the hub failed; retry'
          : error.message;
    return sendError(reply, status, code, message);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not-found', `no ${request.method} ${request.url.split('?')[0]} on this hub`),
  );

  await app.register(fastifyRateLimit, { global: false });

  app.get('/healthz', async () => ({ status: 'ok', seq: await store.headSeq(), store: store.dialect }));
  app.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get('/api/v1/openapi.json', async () => buildOpenApiDocument());

  app.post('/api/v1/auth/login', async (request, reply) => {
    const body = loginBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'name and password are required', zodProblems(body.error));
    const account = await authenticate(store, body.data.name, body.data.password);
    if (!account) return sendError(reply, 401, 'bad-credentials', 'wrong name or password');
    const claims = {
      accountId: account.id,
      name: account.name,
      role: account.role,
      jurisdiction: account.jurisdiction,
      person: personName(account),
    };
    return {
      ...(await tokens.issue(claims)),
      account: { ...claims, jurisdictionName: region.get(account.jurisdiction)?.name },
    };
  });

  app.post('/api/v1/auth/refresh', async (request, reply) => {
    const body = refreshBodySchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'invalid-body', 'refreshToken is required');
    try {
      const claims = await tokens.verify(body.data.refreshToken, 'refresh');
      const account = await store.accountById(claims.accountId);
      if (!account) return sendError(reply, 401, 'bad-credentials', 'the account no longer exists');
      return tokens.issue({
        accountId: account.id,
        name: account.name,
        role: account.role,
        jurisdiction: account.jurisdiction,
        person: personName(account),
      });
    } catch (error) {
      if (error instanceof TokenError) return sendError(reply, 401, 'bad-token', error.message);
      throw error;
    }
  });

  /**
   * The checksum of the current state of a scope, the same one a desktop cache computes: a cache synced to
   * `seq` with an equal checksum holds exactly the hub's state. Admins only. The state is the one the named
   * `account`'s stream delivers (the admin's own without one): what its role may not see is no part of it,
   * so a cache synced as an operator is compared with what an operator receives.
   */
  app.get('/api/v1/admin/checksum', async (request, reply) => {
    const token = bearer(request);
    let claims: OperatorClaims;
    try {
      claims = await tokens.verify(token ?? '', 'access');
    } catch {
      return sendError(
        reply,
        401,
        'bad-token',
        'send an admin access token as "Authorization: Bearer TOKEN"',
      );
    }
    if (claims.role !== 'admin')
      return sendError(reply, 403, 'role-not-permitted', 'only an admin may read checksums');
    const query = checksumQuerySchema.safeParse(request.query);
    if (!query.success)
      return sendError(
        reply,
        400,
        'invalid-query',
        'scope is a code, account a name',
        zodProblems(query.error),
      );
    const viewer = query.data.account
      ? await store.accountByName(query.data.account)
      : { role: claims.role, jurisdiction: claims.jurisdiction };
    if (!viewer) return sendError(reply, 404, 'not-found', `there is no account ${query.data.account}`);
    if (!isWithin(viewer.jurisdiction, claims.jurisdiction)) {
      return sendError(
        reply,
        403,
        'out-of-scope',
        `account ${query.data.account} works outside ${region.describe(claims.jurisdiction)}`,
      );
    }
    const scope = query.data.scope ?? viewer.jurisdiction;
    if (!isWithin(scope, viewer.jurisdiction)) {
      return sendError(
        reply,
        403,
        'out-of-scope',
        `scope ${scope} lies outside ${region.describe(viewer.jurisdiction)}`,
      );
    }
    const snapshot = await store.snapshot(scope, withheldKinds(viewer.role));
    return {
      scope,
      seq: snapshot.seq,
      entities: snapshot.entities.length,
      checksum: stateChecksum(snapshot.entities),
    };
  });

  const ingestLimit = options.ingestRateLimit ?? 3000;
  const keyOf = (request: FastifyRequest) => hashApiKey(bearer(request) ?? request.ip);

  async function authenticateKey(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ApiKeyRecord | undefined> {
    const key = bearer(request);
    const record = key ? await store.apiKeyByHash(hashApiKey(key)) : undefined;
    if (!record) {
      metrics.ingestRejections.inc({
        endpoint: request.routeOptions.url ?? request.url,
        reason: 'bad-api-key',
      });
      await sendError(reply, 401, 'bad-api-key', 'send a valid API key as "Authorization: Bearer KEY"');
      return undefined;
    }
    return record;
  }

  for (const path of Object.keys(INGEST_ENDPOINTS) as IngestPath[]) {
    app.post(
      path,
      { config: { rateLimit: { max: ingestLimit, timeWindow: '1 minute', keyGenerator: keyOf } } },
      async (request, reply) => {
        const key = await authenticateKey(request, reply);
        if (!key) return reply;
        try {
          const result = await ingest.accept(path, key, request.body);
          return reply.code(201).send(result);
        } catch (error) {
          if (!(error instanceof IngestError)) throw error;
          metrics.ingestRejections.inc({ endpoint: path, reason: error.code });
          return sendError(reply, error.status, error.code, error.message, error.problems);
        }
      },
    );
  }

  await app.listen({ port: options.port ?? 7300, host: options.host ?? '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host}:${port}`,
    port,
    store,
    region,
    metrics,
    sweepEscalations: () => escalations.sweep(),
    async close() {
      clearInterval(sweepTimer);
      await sweeping;
      broadcaster.stop();
      presence.stop();
      io.disconnectSockets(true);
      void io.close();
      // Keep-alive connections would otherwise hold the server open for Fastify's 72 s idle timeout.
      app.server.closeAllConnections();
      await app.close().catch(() => undefined);
      if (redis) {
        redis.pub.disconnect();
        redis.sub.disconnect();
      }
      await store.close();
    },
  };
}
