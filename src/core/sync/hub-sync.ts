import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import { wording, type EntityKind, type EntityState, type HubEvent, type Wording } from '../../domain';
import {
  CLIENT_EVENTS,
  PROTOCOL_VERSION,
  SERVER_EVENTS,
  backfillAnswerSchema,
  catchUpFrameSchema,
  commandAnswerSchema,
  connectRefusalSchema,
  describeProtocolMismatch,
  eventsFrameSchema,
  frameProblems,
  snapshotFrameSchema,
  subscribeAnswerSchema,
  type ClientToServerEvents,
  type CommandAnswer,
  type ServerToClientEvents,
} from '../../protocol';
import type { ChangedIds, EventBatch, LocalCache } from '../cache/local-cache';
import { CatchUpTracker, type CatchUpProgress } from './catch-up-progress';
import type { SignInRefusal, SignInStep } from '../contract/api';
import { HubSignInError, type HubSession } from './hub-session';
import { LiveAhead } from './live-ahead';
import type { Outbox, OutboxEntry } from './outbox';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** The desktop's end of the hub's stream, typed by the shared protocol. */
export type HubSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface SyncStatus {
  connection: ConnectionState;
  /** When `connection` last changed: an operator reads how long the hub link has been down. */
  connectionSince: string;
  cursor: number;
  /** The hub's head as last announced; `head − cursor` is the sync lag in events. */
  hubHead: number | null;
  catchUp: CatchUpProgress | null;
  lastError: string | null;
  /** Why the hub will not serve this desktop (another protocol version); null while it does. */
  hubRefusal: Wording | null;
  /** Why the hub last refused to sign in; null once signed in. */
  signInRefusal: SignInRefusal | null;
  /** The step a person must take before the sign-in goes on; null when none is pending. */
  signInStep: SignInStep | null;
}

export interface SyncListener {
  onStatus(status: SyncStatus): void;
  /** `ids` is null when everything may have changed (a snapshot replaced the state). */
  onApplied(change: { cursor: number; kinds: EntityKind[]; ids: ChangedIds | null }): void;
  /** Live events arrived during a catch-up and are shown ahead of the cache (`HubSync.liveAhead`). */
  onAhead?(change: { cursor: number; kinds: EntityKind[]; ids: ChangedIds }): void;
  onCommandSettled(entry: OutboxEntry): void;
  /** Subscribed again after a (re)connect: the moment to restate anything the hub keeps per connection. */
  onOnline?(socket: HubSocket): void;
}

const COMMAND_ACK_TIMEOUT_MS = 10_000;
const OUTBOX_RETRY_MS = 2_000;
const RECONNECT_AFTER_HUB_SHUTDOWN_MS = 1_000;
/** After the hub refused a connection attempt: the first wait, doubled per refusal in a row, up to the most. */
const RETRY_AFTER_REFUSAL_MS = 1_000;
const RETRY_AFTER_REFUSAL_MAX_MS = 30_000;

/**
 * A batch is applied this many events at a time, with a turn of the event loop between: a catch-up of a week
 * arrives in batches of thousands, and in one piece each would hold the core's thread for a tenth of a second
 * or more, while live events, the screen's questions and the status wait behind it.
 */
export const APPLY_SLICE_EVENTS = 1000;

/** `batch` as consecutive batches of at most `APPLY_SLICE_EVENTS`, together covering the same stretch. */
export function applySlices(batch: EventBatch): EventBatch[] {
  if (batch.events.length <= APPLY_SLICE_EVENTS) return [batch];
  const slices: EventBatch[] = [];
  let after = batch.after;
  for (let from = 0; from < batch.events.length; from += APPLY_SLICE_EVENTS) {
    const events = batch.events.slice(from, from + APPLY_SLICE_EVENTS);
    const through = from + APPLY_SLICE_EVENTS >= batch.events.length ? batch.through : events.at(-1)!.seq;
    slices.push({ after, through, events });
    after = through;
  }
  return slices;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Keeps the cache in step with the hub: subscribes from the cache's cursor, applies batches in order
 * (asking for the missing stretch first when one arrives after a gap), takes a snapshot when the hub has
 * pruned what we missed, and sends the outbox in order whenever connected. socket.io reconnects with
 * exponential backoff and jitter; every reconnect resumes from the cursor, so a hub restart, a network cut
 * or a sleep costs nothing but time.
 *
 * Every frame from the hub is parsed against the protocol before anything of it is applied: a malformed one
 * is logged and refused, and the cache stays as it was. What is applied is the frame as received (the
 * schemas only check it), so the cache holds the hub's log byte for byte and their checksums agree.
 *
 * A catch-up and the live stream are interleaved, not queued one behind the other: the cache applies the
 * catch-up in order, a slice at a time with a turn of the event loop between slices, and live events that
 * arrive meanwhile are shown at once ahead of the cache (`LiveAhead`) and applied in their turn.
 */
export class HubSync {
  private socket: HubSocket | undefined;
  private status: SyncStatus;
  private tracker: CatchUpTracker | undefined;
  /** What live events make of their entities while the cache is still catching up beneath them. */
  readonly liveAhead = new LiveAhead();
  /** Batches are applied one after another even when one of them has to wait for a backfill. */
  private applying: Promise<void> = Promise.resolve();
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** The access token the latest connection attempt presented; none when it could not sign in. */
  private presentedToken: string | undefined;
  /** Connection attempts the hub refused since the last one it took. */
  private refusalsInARow = 0;

  constructor(
    private readonly session: HubSession,
    private readonly cache: LocalCache,
    private readonly outbox: Outbox,
    private readonly listener: SyncListener,
    private readonly log: (line: string) => void = (line) => console.warn(`hub sync: ${line}`),
  ) {
    this.status = {
      connection: 'offline',
      connectionSince: new Date().toISOString(),
      cursor: cache.cursor,
      hubHead: null,
      catchUp: null,
      lastError: null,
      hubRefusal: null,
      signInRefusal: null,
      signInStep: null,
    };
  }

  get current(): SyncStatus {
    return this.status;
  }

  private update(change: Partial<SyncStatus>): void {
    const changedLink = change.connection !== undefined && change.connection !== this.status.connection;
    this.status = {
      ...this.status,
      ...change,
      cursor: this.cache.cursor,
      ...(changedLink ? { connectionSince: new Date().toISOString() } : {}),
    };
    this.listener.onStatus(this.status);
  }

  start(): void {
    this.update({ connection: 'connecting' });
    const socket: HubSocket = io(this.session.hubUrl, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      auth: (provide) => {
        this.presentedToken = undefined;
        this.session.accessToken().then(
          (token) => {
            this.presentedToken = token;
            provide({ token, protocol: PROTOCOL_VERSION });
          },
          (error: unknown) => {
            this.update({
              lastError: `sign-in failed: ${(error as Error).message}`,
              signInRefusal: error instanceof HubSignInError ? error.code : null,
              signInStep: this.session.pendingStep,
              // Waiting for a person: the link is down until they take the step, not on its way up.
              ...(this.session.pendingStep ? { connection: 'offline' as const } : {}),
            });
            provide({ protocol: PROTOCOL_VERSION });
          },
        );
      },
    });
    this.socket = socket;
    this.followLink(socket);
    socket.on(SERVER_EVENTS.catchUp, (raw: unknown) => this.onCatchUp(raw));
    socket.on(SERVER_EVENTS.snapshot, (raw: unknown) => this.onSnapshot(raw));
    socket.on(SERVER_EVENTS.events, (events: unknown, bounds: unknown) =>
      this.onEvents(socket, events, bounds),
    );
  }

  /** Connects, subscribes on every connect, and says why the link is down when it is. */
  private followLink(socket: HubSocket): void {
    socket.on('connect', () => {
      this.refusalsInARow = 0;
      // A connection cut before the hub answers rejects the pending acknowledgement: the next connection
      // subscribes afresh from the cursor, so only a failure on a live connection is worth reporting.
      this.subscribe(socket).catch((error: unknown) => {
        if (socket.connected) this.update({ lastError: `could not subscribe: ${(error as Error).message}` });
      });
    });
    socket.on('disconnect', (reason) => {
      this.update({ connection: 'offline', catchUp: null });
      // A hub shutting down cleanly disconnects its clients, and socket.io only reconnects by itself after a
      // lost connection, not after the server said goodbye: without this the screen stays offline for good.
      if (reason === 'io server disconnect' && this.status.hubRefusal === null) {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = setTimeout(() => socket.connect(), RECONNECT_AFTER_HUB_SHUTDOWN_MS);
      }
    });
    socket.on('connect_error', (error: Error & { data?: unknown }) => {
      const refusal = connectRefusalSchema.safeParse(error.data);
      if (refusal.success && refusal.data.code === 'protocol-mismatch') {
        this.refuseProtocol(refusal.data.params.hub ?? 'none');
      } else if (refusal.success && refusal.data.code === 'role-not-permitted') {
        this.refuseStream(String(refusal.data.params.role ?? ''));
      } else {
        // A revoked token (password changed, account locked) is dropped: the next attempt signs in afresh.
        // An attempt that presented no token (a step was pending then) leaves alone the tokens won since.
        if (error.message.startsWith('unauthorized') && this.presentedToken)
          this.session.forgetTokens(this.presentedToken);
        this.update({ connection: 'offline', lastError: error.message });
        // Only a person can take a pending step: reconnecting meanwhile would get nowhere. `resume` goes on.
        if (this.session.pendingStep) socket.disconnect();
        // A refusal by the hub's middleware ends socket.io's own retries. When the sign-in failed on the network
        // (or a revoked token was just dropped), connect again, or the screen stays offline for good once the
        // network is back. A sign-in the hub refused (wrong password, locked) is not retried: each attempt
        // would count toward the lockout.
        else if (!socket.active && this.status.signInRefusal === null) this.retryAfterRefusal(socket);
      }
    });
  }

  /** Connects again after a refused attempt, waiting longer after each refusal in a row. */
  private retryAfterRefusal(socket: HubSocket): void {
    const delay = Math.min(RETRY_AFTER_REFUSAL_MAX_MS, RETRY_AFTER_REFUSAL_MS * 2 ** this.refusalsInARow);
    this.refusalsInARow += 1;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      const refused = this.status.hubRefusal !== null || this.status.signInRefusal !== null;
      if (!socket.active && !this.session.pendingStep && !refused) socket.connect();
    }, delay);
  }

  /** A person took the pending sign-in step (or one more is pending): say which, and connect once none is. */
  resume(): void {
    const step = this.session.pendingStep;
    this.update({ signInStep: step, signInRefusal: null, lastError: null });
    if (step || !this.socket || this.socket.connected) return;
    this.update({ connection: 'connecting' });
    this.socket.connect();
  }

  /**
   * The hub speaks another protocol: retrying cannot help until one of them is updated, so the link stays
   * down and the status says why, in one line.
   */
  private refuseProtocol(hub: string | number): void {
    const line = describeProtocolMismatch(PROTOCOL_VERSION, hub);
    this.log(line);
    clearTimeout(this.reconnectTimer);
    this.update({
      connection: 'offline',
      lastError: line,
      hubRefusal: wording('protocolMismatch', { desktop: PROTOCOL_VERSION, hub }, line),
    });
    this.socket?.disconnect();
  }

  /**
   * The security and audit administrators see no situation (三员分立): the hub gives them no live stream, and
   * asking again would not change that. Their screens work through the hub's HTTP API instead.
   */
  private refuseStream(role: string): void {
    clearTimeout(this.reconnectTimer);
    this.update({
      connection: 'offline',
      lastError: null,
      hubRefusal: wording('roleSeesNoSituation', { role }, `role ${role} receives no live stream`),
    });
    this.socket?.disconnect();
  }

  /** The frame as its schema reads it, or undefined once it has been logged and refused. */
  private accept<S extends z.ZodType>(frame: string, schema: S, raw: unknown): z.output<S> | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const line = `refused a malformed ${frame} frame from the hub: ${frameProblems(parsed.error)}`;
    this.log(line);
    this.update({ lastError: line });
    return undefined;
  }

  private onCatchUp(raw: unknown): void {
    const stretch = this.accept(SERVER_EVENTS.catchUp, catchUpFrameSchema, raw);
    if (!stretch) return;
    this.tracker = new CatchUpTracker(stretch.from, stretch.to);
    this.update({ hubHead: stretch.to, catchUp: this.tracker.progress(this.cache.cursor) });
  }

  private onSnapshot(raw: unknown): void {
    if (!this.accept(SERVER_EVENTS.snapshot, snapshotFrameSchema, raw)) return;
    const snapshot = raw as { seq: number; entities: EntityState[] };
    this.enqueue(async () => {
      this.cache.applySnapshot(snapshot.seq, snapshot.entities);
      this.liveAhead.clear();
      this.listener.onApplied({
        cursor: snapshot.seq,
        kinds: [...new Set(snapshot.entities.map((e) => e.kind))],
        ids: null,
      });
    });
  }

  private onEvents(socket: HubSocket, events: unknown, bounds: unknown): void {
    const frame = this.accept(SERVER_EVENTS.events, eventsFrameSchema, { events, bounds });
    if (!frame) return;
    const batch = { ...frame.bounds, events: events as HubEvent[] };
    this.showAheadOfCatchUp(batch);
    this.enqueue(() => this.applyBatch(socket, batch));
  }

  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying.then(work).catch((error: unknown) => {
      this.update({ lastError: `could not apply events: ${(error as Error).message}` });
      // Start over from the cursor: whatever failed is fetched again.
      this.socket?.disconnect().connect();
    });
  }

  private async subscribe(socket: HubSocket): Promise<void> {
    await this.applying;
    const raw: unknown = await socket.emitWithAck(CLIENT_EVENTS.subscribe, { since: this.cache.cursor });
    const answer = this.accept('subscribe answer', subscribeAnswerSchema, raw);
    if (!answer) return;
    if (!answer.ok) {
      this.update({ connection: 'offline', lastError: answer.error });
      return;
    }
    if (answer.protocol !== PROTOCOL_VERSION) return this.refuseProtocol(answer.protocol ?? 'none');
    this.update({
      connection: 'online',
      lastError: null,
      hubRefusal: null,
      signInRefusal: null,
      signInStep: null,
      hubHead: Math.max(this.status.hubHead ?? 0, answer.liveFrom),
    });
    this.listener.onOnline?.(socket);
    void this.flushOutbox();
  }

  /** The stretch the cache is missing, as the hub sends it; throws when the hub cannot or sends nonsense. */
  private async fetchMissing(socket: HubSocket, after: number, through: number): Promise<EventBatch> {
    const raw: unknown = await socket.emitWithAck(CLIENT_EVENTS.backfill, { after, through });
    const answer = this.accept('backfill answer', backfillAnswerSchema, raw);
    if (!answer) throw new Error(`the hub sent a malformed backfill answer for ${after}…${through}`);
    if (!answer.ok) throw new Error(answer.error);
    return { after: answer.after, through: answer.through, events: (raw as EventBatch).events };
  }

  /** A live batch that arrives while a catch-up is being applied is shown now, ahead of the cache. */
  private showAheadOfCatchUp(batch: EventBatch): void {
    if (!this.tracker?.isLive(batch.after)) return;
    const cursor = this.cache.cursor;
    const ids = this.liveAhead.take(batch.events, cursor, (kind, id) => this.cache.getEntity(kind, id));
    const kinds = Object.keys(ids) as EntityKind[];
    if (kinds.length > 0) this.listener.onAhead?.({ cursor, kinds, ids });
  }

  private async applyBatch(socket: HubSocket, batch: EventBatch): Promise<void> {
    for (const [index, slice] of applySlices(batch).entries()) {
      if (index > 0) await nextTurn();
      await this.applySlice(socket, slice);
    }
  }

  private async applySlice(socket: HubSocket, batch: EventBatch): Promise<void> {
    let result = this.cache.apply(batch);
    if (result.kind === 'gap') {
      const filled = this.cache.apply(
        await this.fetchMissing(socket, result.missingAfter, result.missingThrough),
      );
      this.liveAhead.settle(this.cache.cursor);
      if (filled.kind === 'applied') {
        this.listener.onApplied({
          cursor: filled.cursor,
          kinds: filled.changedKinds,
          ids: filled.changedIds,
        });
      }
      result = this.cache.apply(batch);
      if (result.kind === 'gap') throw new Error(`events after ${result.missingAfter} are still missing`);
    }
    // Before saying what changed: whoever asks again must read the cache's state, not the one shown ahead.
    this.liveAhead.settle(this.cache.cursor);
    if (result.kind === 'applied') {
      this.listener.onApplied({ cursor: result.cursor, kinds: result.changedKinds, ids: result.changedIds });
    }
    const hubHead = Math.max(this.status.hubHead ?? 0, batch.through);
    if (this.tracker) {
      const finished = this.tracker.finished(this.cache.cursor);
      this.update({ hubHead, catchUp: finished ? null : this.tracker.progress(this.cache.cursor) });
      if (finished) this.tracker = undefined;
    } else {
      this.update({ hubHead });
    }
  }

  /** Sends what the outbox holds, when connected. Answers arrive through the listener. */
  kickOutbox(): void {
    void this.flushOutbox();
  }

  private async flushOutbox(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        const socket = this.socket;
        if (!socket?.connected || this.status.connection !== 'online') return;
        const next = this.outbox.pending()[0];
        if (!next) return;
        let answer: CommandAnswer | undefined;
        try {
          const raw: unknown = await socket
            .timeout(COMMAND_ACK_TIMEOUT_MS)
            .emitWithAck(CLIENT_EVENTS.command, next.command);
          answer = this.accept('command answer', commandAnswerSchema, raw);
        } catch {
          answer = undefined;
        }
        // No answer, or one that cannot be read: the command stays pending and is sent again, with the same
        // id, shortly.
        if (!answer || (!answer.ok && answer.code === 'internal-error')) {
          this.retrySoon();
          return;
        }
        if (this.outbox.settle(next.commandId, answer))
          this.listener.onCommandSettled(this.outbox.get(next.commandId)!);
      }
    } finally {
      this.flushing = false;
    }
  }

  private retrySoon(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flushOutbox(), OUTBOX_RETRY_MS);
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    clearTimeout(this.reconnectTimer);
    this.socket?.close();
    this.socket = undefined;
    this.update({ connection: 'offline', catchUp: null });
  }
}
