import type { Logger } from 'pino';
import type { z } from 'zod';
import { isWithin, mayView } from '../../domain';
import {
  CLIENT_EVENTS,
  PROTOCOL_VERSION,
  backfillRequestSchema,
  directoryRequestSchema,
  frameProblems,
  presenceRequestSchema,
  protocolMismatch,
  subscribeRequestSchema,
  type ConnectRefusal,
  type DirectoryAnswer,
} from '../../protocol';
import { checkSession } from '../auth/session-check';
import type { TokenService } from '../auth/tokens';
import type { CommandHandler } from '../commands';
import type { HubMetrics } from '../observability/metrics';
import type { RegionIndex } from '../region-index';
import type { HubStore } from '../store';
import type { LiveBroadcaster } from './broadcaster';
import { Presence } from './presence';
import type { HubServer, HubSocket } from './socket-types';
import { backfill, catchUpAndJoin } from './subscription';

export interface StreamDependencies {
  store: HubStore;
  region: RegionIndex;
  tokens: TokenService;
  metrics: HubMetrics;
  logger: Logger;
  broadcaster: LiveBroadcaster;
  commands: CommandHandler;
}

type Ack = ((answer: never) => void) | undefined;
const LOG_FAILED = 'the hub could not read its log; try again';

/** Answers a frame whose sender asked for an answer; a frame sent without one gets none. */
function answer<A>(ack: unknown, body: A): void {
  if (typeof ack === 'function') (ack as (body: A) => void)(body);
}

/** A refused connection: socket.io hands `data` to the client's `connect_error`. */
function refusal(message: string, data: ConnectRefusal): Error {
  return Object.assign(new Error(message), { data });
}

/**
 * Every connection presents the protocol it speaks and an access token: a client of another protocol is
 * refused before anything else, so it says so instead of misreading the stream.
 */
function authenticateConnection(io: HubServer, store: HubStore, tokens: TokenService, logger: Logger): void {
  io.use((socket, next) => {
    const { token, protocol } = socket.handshake.auth as { token?: unknown; protocol?: unknown };
    if (protocol !== PROTOCOL_VERSION) {
      const mismatch = protocolMismatch(protocol);
      logger.warn(
        { client: mismatch.params.client, hub: PROTOCOL_VERSION },
        'refused a client of another protocol',
      );
      next(
        refusal(
          `protocol-mismatch: the client speaks ${mismatch.params.client}, the hub ${PROTOCOL_VERSION}`,
          mismatch,
        ),
      );
      return;
    }
    if (typeof token !== 'string') {
      next(new Error('unauthorized: sign in first and connect with { auth: { token, protocol } }'));
      return;
    }
    // Checked against the account as it is now: a revoked token (password changed, account locked, role
    // changed, disabled) or a limited one (sign-in not finished) does not connect.
    checkSession(store, tokens, token).then(
      (session) => {
        if (!session.ok) return next(new Error(`unauthorized: ${session.refusal.message}`));
        const { claims } = session;
        // The security and audit administrators see no incident (三员分立): they get no stream at all.
        if (!mayView(claims.role, 'read')) {
          next(
            refusal(`role-not-permitted: role ${claims.role} does not see the situation`, {
              code: 'role-not-permitted',
              params: { role: claims.role },
            }),
          );
          return;
        }
        socket.data.claims = claims;
        next();
      },
      (error: unknown) => next(new Error(`unauthorized: ${(error as Error).message}`)),
    );
  });
}

/** One connection's handlers see the hub's services, the presence rooms and the socket itself. */
interface Connection {
  deps: StreamDependencies;
  presence: Presence;
  socket: HubSocket;
}

/** The frame as its schema reads it, or undefined once it has been refused, logged and answered. */
function parseFrame<S extends z.ZodType>(
  { deps, socket }: Connection,
  event: string,
  schema: S,
  raw: unknown,
  ack: unknown,
): z.output<S> | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = frameProblems(parsed.error, 50);
  deps.logger.warn({ event, account: socket.data.claims.accountId, problems }, 'refused a malformed frame');
  answer(ack, { ok: false, error: problems });
  return undefined;
}

/** Who looks at what is itself information: only about incidents the account may see. */
async function onPresence(connection: Connection, raw: unknown, ack: Ack): Promise<void> {
  const request = parseFrame(connection, CLIENT_EVENTS.presence, presenceRequestSchema, raw, ack);
  if (!request) return;
  const { deps, presence, socket } = connection;
  const { incidentId } = request;
  const incident = incidentId === null ? null : await deps.store.getEntity('incident', incidentId);
  if (
    incidentId !== null &&
    (!incident || !isWithin(incident.jurisdiction, socket.data.claims.jurisdiction))
  ) {
    return answer(ack, { ok: false, error: `there is no incident ${incidentId} in your jurisdiction` });
  }
  answer(ack, { ok: true, viewers: await presence.open(socket, incidentId) });
}

/** The accounts whose actions this one can see: names for the full-process record. */
async function onDirectory(connection: Connection, raw: unknown, ack: Ack): Promise<void> {
  if (typeof ack !== 'function') return;
  if (!parseFrame(connection, CLIENT_EVENTS.directory, directoryRequestSchema, raw, ack)) return;
  const { store } = connection.deps;
  const { jurisdiction: own } = connection.socket.data.claims;
  const relates = ({ jurisdiction }: { jurisdiction: string }) =>
    isWithin(jurisdiction, own) || isWithin(own, jurisdiction);
  const people = (await store.listAccounts())
    .filter(relates)
    .map(({ id, name, role, jurisdiction, displayName, post }) => ({
      id,
      name,
      role,
      jurisdiction,
      displayName,
      post,
    }));
  // Field systems act through API keys, recorded as `key:<source>`: they are named like people.
  const keys = (await store.listApiKeys()).filter(relates).map((key) => ({
    id: `key:${key.source}`,
    name: key.source,
    role: 'field-system',
    jurisdiction: key.jurisdiction,
    displayName: key.displayName,
    post: '',
  }));
  answer<DirectoryAnswer>(ack, { ok: true, accounts: [...people, ...keys] });
}

async function onSubscribe(connection: Connection, raw: unknown, ack: Ack): Promise<void> {
  const request = parseFrame(connection, CLIENT_EVENTS.subscribe, subscribeRequestSchema, raw, ack);
  if (!request) return;
  const { deps, socket } = connection;
  const { claims } = socket.data;
  const scope = request.scope ?? claims.jurisdiction;
  if (!isWithin(scope, claims.jurisdiction)) {
    const error = `scope ${scope} lies outside your jurisdiction ${deps.region.describe(claims.jurisdiction)}`;
    return answer(ack, { ok: false, error });
  }
  let backlog = 0;
  const onProgress = (remaining: number) => {
    deps.metrics.replayBacklog.inc(remaining - backlog);
    backlog = remaining;
  };
  try {
    const audience = { scope, role: claims.role };
    const result = await catchUpAndJoin(
      socket,
      deps.store,
      deps.broadcaster,
      audience,
      request.since,
      onProgress,
    );
    answer(ack, { ok: true, scope, ...result, protocol: PROTOCOL_VERSION });
  } catch (error) {
    deps.metrics.replayBacklog.dec(backlog);
    deps.logger.error({ err: error }, 'subscription failed');
    answer(ack, { ok: false, error: LOG_FAILED });
  }
}

async function onBackfill(connection: Connection, raw: unknown, ack: Ack): Promise<void> {
  if (typeof ack !== 'function') return;
  const range = parseFrame(connection, CLIENT_EVENTS.backfill, backfillRequestSchema, raw, ack);
  if (!range) return;
  const { deps, socket } = connection;
  const audience = socket.data.audience;
  if (audience === undefined) return answer(ack, { ok: false, error: 'subscribe first' });
  try {
    answer(ack, { ok: true, ...(await backfill(deps.store, audience, range.after, range.through)) });
  } catch (error) {
    deps.logger.error({ err: error }, 'backfill failed');
    answer(ack, { ok: false, error: LOG_FAILED });
  }
}

/** Commands are parsed by the command handler, which words every refusal. */
async function onCommand({ deps, socket }: Connection, raw: unknown, ack: Ack): Promise<void> {
  try {
    const outcome = await deps.commands.handle(socket.data.claims, raw);
    if (!outcome.ok && outcome.code === 'invalid-command') {
      const account = socket.data.claims.accountId;
      deps.logger.warn(
        { event: CLIENT_EVENTS.command, account, problems: outcome.reason },
        'refused a malformed frame',
      );
    }
    answer(ack, outcome);
  } catch (error) {
    deps.logger.error({ err: error }, 'command failed');
    answer(ack, { ok: false, code: 'internal-error', reason: 'the hub failed; retry' });
  }
}

function onConnection(connection: Connection): void {
  const { deps, presence, socket } = connection;
  deps.metrics.clients.inc();
  socket.on('disconnect', () => deps.metrics.clients.dec());
  // A socket's rooms are known while it is disconnecting and left by the time it has disconnected.
  let openWhenLeaving: string[] = [];
  socket.on('disconnecting', () => (openWhenLeaving = presence.openOn(socket)));
  // Telling the others can fail (Redis gone while the hub closes); that must not end the process.
  const announce = (id: string) =>
    presence
      .announce(id)
      .catch((error: unknown) => deps.logger.warn({ err: error }, 'presence not announced'));
  socket.on('disconnect', () => openWhenLeaving.forEach((id) => void announce(id)));

  /** A frame's handler that fails (the store or Redis down) answers so, and never ends the process. */
  const serve =
    (handler: (connection: Connection, raw: unknown, ack: Ack) => Promise<void>) =>
    (raw: unknown, ack: Ack) =>
      void handler(connection, raw, ack).catch((error: unknown) => {
        deps.logger.error({ err: error }, 'a stream frame failed');
        answer(ack, { ok: false, error: 'the hub failed; retry' });
      });
  socket.on(CLIENT_EVENTS.presence, serve(onPresence));
  socket.on(CLIENT_EVENTS.directory, serve(onDirectory));
  socket.on(CLIENT_EVENTS.subscribe, serve(onSubscribe));
  socket.on(CLIENT_EVENTS.backfill, serve(onBackfill));
  socket.on(CLIENT_EVENTS.command, serve(onCommand));
}

/**
 * The live stream: authenticates each connection and serves its frames. Returns the presence rooms, whose
 * sweep stops with the hub.
 */
export function attachStream(io: HubServer, deps: StreamDependencies): Presence {
  authenticateConnection(io, deps.store, deps.tokens, deps.logger);
  const presence = new Presence(io);
  io.on('connection', (socket) => onConnection({ deps, presence, socket }));
  return presence;
}
