import { createAdapter } from '@socket.io/redis-adapter';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';
import { Server } from 'socket.io';
import { PersonalDataSeal } from '../gm';
import { AccountAdmin } from './account-admin';
import { DEFAULT_SIGN_IN_LIMITS, SignInGate, type SignInLimits } from './auth/sign-in-gate';
import { TokenService, generateSigningSecret } from './auth/tokens';
import { CommandHandler } from './commands';
import { EscalationSweep } from './escalation-sweep';
import { accountRoutes } from './http/account-routes';
import { adminRoutes } from './http/admin-routes';
import { auditRoutes } from './http/audit-routes';
import { authRoutes } from './http/auth-routes';
import { installErrorHandling } from './http/error-handling';
import { ingestRoutes } from './http/ingest-routes';
import { installJsonBodyParser } from './http/json-body';
import { videoRoutes } from './http/video-routes';
import { observabilityRoutes } from './http/observability-routes';
import { IngestService } from './ingest/ingest-service';
import { checkKeysMatch, defaultKeysDir, loadHubKeys, type HubKeys } from './keys';
import { createHubMetrics, type HubMetrics } from './observability/metrics';
import { resolveMetricsToken } from './observability/metrics-token';
import { RegionIndex } from './region-index';
import { openHubStore, type HubStore } from './store';
import { LiveBroadcaster } from './stream/broadcaster';
import type { HubServer } from './stream/socket-types';
import { connectRedis } from './stream/redis-link';
import { attachStream } from './stream/stream';
import type { MediaGateway } from './video/gateways/gateway';
import { PlayTokenSigner } from './video/play-token';
import { DEFAULT_VIDEO_LIMITS, VideoSessions, type CredentialsFor, type VideoLimits } from './video/sessions';

/** Live video: the deployment's media gateways, built once the hub has the key its play tokens are signed with. */
export interface HubVideoOptions {
  gateways(signer: PlayTokenSigner): MediaGateway[];
  limits?: Partial<VideoLimits>;
  credentialsFor?: CredentialsFor;
  /** How often sessions nobody kept alive are ended, in ms. */
  sweepMs?: number;
}

export interface HubOptions {
  /** `sqlite:./data/hub.db` or `postgres://…`. */
  db: string;
  region: string;
  regionsDir?: string;
  port?: number;
  host?: string;
  /** When set, this hub shares its stream with other hub processes through Redis. */
  redisUrl?: string;
  /**
   * The deployment whose hubs share a stream through Redis: its channels are prefixed with it, so hubs of
   * another deployment on the same Redis hear nothing of this one. The database's own deployment id when
   * absent, so the hubs of one database find each other without being told.
   */
  deployment?: string;
  logger?: Logger;
  /** Ingest requests allowed per API key per minute. */
  ingestRateLimit?: number;
  /** Ingest requests without a valid API key allowed per client address per minute. */
  ingestBadKeyRateLimit?: number;
  /** The hub's clock for commands and escalations, in ms; tests move it instead of waiting. */
  clock?: () => number;
  /** How often overdue cases are escalated, in ms; 0 for never on its own (`sweepEscalations` still does). */
  escalationSweepMs?: number;
  /** The directory of the audit and personal-data keys; `defaultKeysDir(db)` when absent. */
  keysDir?: string;
  /** PEM certificate and key: the hub then speaks HTTPS and WSS only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Sign-in throttles and hashing slots, for tests that sign in many times from one address. */
  signInLimits?: Partial<SignInLimits>;
  /** The token `/metrics` requires; else `PINGAN_METRICS_TOKEN`, else the keys directory's `metrics-token`. */
  metricsToken?: string;
  /** Live video; without it every camera answers that the hub has no gateway for it. */
  video?: HubVideoOptions;
}

export interface Hub {
  url: string;
  port: number;
  store: HubStore;
  region: RegionIndex;
  metrics: HubMetrics;
  keys: HubKeys;
  /** Escalates every case overdue now, at once; returns how many escalations it recorded. */
  sweepEscalations(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_ESCALATION_SWEEP_MS = 30_000;
const DEFAULT_INGEST_RATE_PER_MINUTE = 3000;
const DEFAULT_BAD_KEY_RATE_PER_MINUTE = 60;
const JWT_SECRET_SETTING = 'jwt-secret';
const PLAY_TOKEN_KEY_SETTING = 'video-play-key';
const DEFAULT_VIDEO_SWEEP_MS = 5_000;
const DEPLOYMENT_SETTING = 'deployment-id';
const DEPLOYMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

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

/** The key play URLs are signed with, shared by every hub on this database like the token secret. */
async function playTokenKey(store: HubStore): Promise<Uint8Array> {
  const saved = await store.getSetting(PLAY_TOKEN_KEY_SETTING);
  if (saved) return Buffer.from(saved, 'base64');
  await store.transaction((tx) => tx.initSetting(PLAY_TOKEN_KEY_SETTING, randomBytes(32).toString('base64')));
  return Buffer.from((await store.getSetting(PLAY_TOKEN_KEY_SETTING))!, 'base64');
}

/** The video sessions on the deployment's gateways, and the sweep that ends those nobody keeps alive. */
async function startVideo(store: HubStore, options: HubOptions, clock: () => number, logger: Logger) {
  const signer = new PlayTokenSigner(await playTokenKey(store));
  const gateways = new Map((options.video?.gateways(signer) ?? []).map((gateway) => [gateway.id, gateway]));
  const limits = { ...DEFAULT_VIDEO_LIMITS, ...options.video?.limits };
  const sessions = new VideoSessions(store, gateways, limits, clock, logger, options.video?.credentialsFor);
  const sweepMs = options.video?.sweepMs ?? DEFAULT_VIDEO_SWEEP_MS;
  const timer = setInterval(() => {
    sessions
      .sweep()
      .catch((error: unknown) => logger.error({ err: error }, 'ending expired video sessions failed'));
  }, sweepMs);
  return {
    signer,
    sessions,
    async stop() {
      clearInterval(timer);
      await sessions.closeAll();
    },
  };
}

/** The deployment this hub belongs to: the one it was told, else its database's, made on first start. */
async function deploymentOf(store: HubStore, explicit: string | undefined): Promise<string> {
  if (explicit !== undefined) {
    if (!DEPLOYMENT_PATTERN.test(explicit)) {
      throw new Error(`deployment ${explicit}: up to 64 letters, digits, dashes and underscores`);
    }
    return explicit;
  }
  const saved = await store.getSetting(DEPLOYMENT_SETTING);
  if (saved) return saved;
  await store.transaction((tx) => tx.initSetting(DEPLOYMENT_SETTING, randomBytes(8).toString('hex')));
  return (await store.getSetting(DEPLOYMENT_SETTING))!;
}

/** Fastify taking JSON only: anything else is refused with 415 rather than parsed as text. */
function createHttpApp(logger: FastifyBaseLogger, tls: HubOptions['tls']): FastifyInstance {
  // Fastify's types follow the server kind; the hub uses only what HTTP and HTTPS servers share.
  const app = Fastify({
    ...(tls ? { https: { cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' as const } } : {}),
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.removeAllContentTypeParsers();
  installJsonBodyParser(app);
  return app;
}

/**
 * The Socket.IO server on the HTTP server, sharing its stream through Redis when there is one, on channels
 * of its deployment only.
 */
function createStreamServer(
  app: FastifyInstance,
  redisUrl: string | undefined,
  deployment: string,
  logger: Logger,
) {
  const io: HubServer = new Server(app.server, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
  const redis = redisUrl ? connectRedis(redisUrl, logger) : undefined;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: `pingan:${deployment}` }));
  return { io, shared: redis !== undefined, closeRedis: async () => redis?.close() };
}

function startBroadcaster(io: HubServer, store: HubStore, metrics: HubMetrics, logger: Logger) {
  return new LiveBroadcaster(io, store, {
    onBroadcast(events, deliveries) {
      metrics.eventsDelivered.inc(deliveries);
      const now = Date.now();
      for (const event of events) metrics.ingestToBroadcast.observe((now - Date.parse(event.at)) / 1000);
    },
    onError(error) {
      logger.error({ err: error }, 'live broadcast failed; retrying');
    },
  });
}

/** A revoked token must not keep a live stream open: the account's connections on this hub end. */
async function endConnectionsOf(io: HubServer, accountId: string): Promise<void> {
  for (const socket of await io.local.fetchSockets())
    if (socket.data.claims.accountId === accountId) socket.disconnect(true);
}

/** Escalates overdue cases every `intervalMs` (never on its own for 0); a slow sweep is not joined by another. */
function scheduleEscalations(escalations: EscalationSweep, intervalMs: number, logger: Logger) {
  let sweeping: Promise<unknown> | null = null;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          sweeping ??= escalations
            .sweep()
            .catch((error: unknown) => logger.error({ err: error }, 'overdue escalation failed; retrying'))
            .finally(() => (sweeping = null));
        }, intervalMs)
      : undefined;
  return async () => {
    clearInterval(timer);
    await sweeping;
  };
}

/** Tokens and passwords cross the wire at sign-in: beyond this machine they need TLS (ours or a gateway's). */
function warnIfExposedInClear(logger: Logger, options: HubOptions): void {
  const host = options.host ?? '127.0.0.1';
  const loopback = host === '127.0.0.1' || host === '::1' || host === 'localhost';
  if (!loopback && !options.tls)
    logger.warn(
      { host },
      'the hub listens beyond this machine without TLS: give it --tls-cert and --tls-key, or put a TLS gateway in front',
    );
}

export async function startHub(options: HubOptions): Promise<Hub> {
  const logger = options.logger ?? pino({ level: process.env.PINGAN_LOG_LEVEL ?? 'info' });
  const keys = loadHubKeys(options.keysDir ?? defaultKeysDir(options.db));
  const host = options.host ?? '127.0.0.1';
  const metricsToken = resolveMetricsToken({ configured: options.metricsToken, keysDir: keys.dir, host });
  const store = await openHubStore(options.db, {
    auditKey: keys.audit,
    personalDataKey: keys.personalData,
  });
  try {
    await checkKeysMatch(store, keys);
    // Only once the keys are known to be this database's: records written before the trail was a chain are
    // sealed now, with them.
    await store.sealUnchainedAudit();
  } catch (error) {
    await store.close();
    throw error;
  }
  const region = new RegionIndex(options.region, options.regionsDir);
  const tokens = new TokenService(await signingSecret(store));
  const metrics = createHubMetrics();
  const app = createHttpApp(logger, options.tls);
  warnIfExposedInClear(logger, options);
  const deployment = await deploymentOf(store, options.deployment);
  const { io, shared, closeRedis } = createStreamServer(app, options.redisUrl, deployment, logger);
  const broadcaster = startBroadcaster(io, store, metrics, logger);
  await broadcaster.start();

  /** Tells this hub's broadcaster, and through Redis every other hub's, that the log has grown. */
  function announceCommit(): void {
    broadcaster.notifyCommitted();
    if (shared) io.serverSideEmit('committed');
  }
  io.on('committed', () => broadcaster.notifyCommitted());
  const appended = (seqs: readonly number[]) => {
    metrics.eventsAppended.inc(seqs.length);
    announceCommit();
  };

  const commands = new CommandHandler(
    store,
    (outcome, command) => {
      if (!outcome.ok) return metrics.commandsRefused.inc({ reason: outcome.code });
      metrics.commandsAccepted.inc({ type: command?.type ?? 'unknown' });
      announceCommit();
    },
    options.clock,
  );
  commands.checkPlacesAgainst(region);
  const escalations = new EscalationSweep(store, options.clock ?? Date.now, appended);
  const stopEscalations = scheduleEscalations(
    escalations,
    options.escalationSweepMs ?? DEFAULT_ESCALATION_SWEEP_MS,
    logger,
  );
  const ingest = new IngestService(store, region, commands, appended);
  const presence = attachStream(io, { store, region, tokens, metrics, logger, broadcaster, commands });

  installErrorHandling(app, metrics, logger);
  await app.register(observabilityRoutes, { store, metrics, metricsToken });
  const clock = options.clock ?? Date.now;
  /** Ends the revoked account's live connections here, and through Redis at every other hub. */
  const video = await startVideo(store, options, clock, logger);
  const revoked = (accountId: string) => {
    void endConnectionsOf(io, accountId);
    void video.sessions.endAccount(accountId);
    if (shared) io.serverSideEmit('revoked', accountId);
  };
  io.on('revoked', (accountId) => void endConnectionsOf(io, accountId));
  const signInDeps = { store, seal: new PersonalDataSeal(keys.personalData), clock, revoked };
  const gate = new SignInGate({ ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits });
  await app.register(authRoutes, { deps: signInDeps, gate, tokens, region });
  const admin = new AccountAdmin(store, region, clock, revoked);
  await app.register(accountRoutes, { store, tokens, admin });
  await app.register(adminRoutes, { store, tokens, region });
  await app.register(auditRoutes, { store, tokens, region });
  await app.register(videoRoutes, { store, tokens, sessions: video.sessions, signer: video.signer, clock });
  const ratePerMinute = options.ingestRateLimit ?? DEFAULT_INGEST_RATE_PER_MINUTE;
  const badKeyRatePerMinute = options.ingestBadKeyRateLimit ?? DEFAULT_BAD_KEY_RATE_PER_MINUTE;
  await app.register(ingestRoutes, { store, ingest, metrics, ratePerMinute, badKeyRatePerMinute });

  await app.listen({ port: options.port ?? 7300, host });
  const { port } = app.server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    store,
    region,
    metrics,
    keys,
    sweepEscalations: () => escalations.sweep(),
    async close() {
      await stopEscalations();
      await video.stop();
      broadcaster.stop();
      presence.stop();
      io.disconnectSockets(true);
      void io.close();
      // Keep-alive connections would otherwise hold the server open for Fastify's 72 s idle timeout.
      app.server.closeAllConnections();
      await app.close().catch(() => undefined);
      await closeRedis();
      await store.close();
    },
  };
}
