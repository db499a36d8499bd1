import { io, type Socket } from 'socket.io-client';
import type { EntityKind, EntityState, HubEvent } from '../../domain';
import type { ChangedIds, EventBatch, LocalCache } from '../cache/local-cache';
import { CatchUpTracker, type CatchUpProgress } from './catch-up-progress';
import type { HubSession } from './hub-session';
import { LiveAhead } from './live-ahead';
import type { Outbox, OutboxEntry } from './outbox';

export type ConnectionState = 'connecting' | 'online' | 'offline';

export interface SyncStatus {
  connection: ConnectionState;
  /** When `connection` last changed: an operator reads how long the hub link has been down. */
  connectionSince: string;
  cursor: number;
  /** The hub's head as last announced; `head − cursor` is the sync lag in events. */
  hubHead: number | null;
  catchUp: CatchUpProgress | null;
  lastError: string | null;
}

export interface SyncListener {
  onStatus(status: SyncStatus): void;
  /** `ids` is null when everything may have changed (a snapshot replaced the state). */
  onApplied(change: { cursor: number; kinds: EntityKind[]; ids: ChangedIds | null }): void;
  /** Live events arrived during a catch-up and are shown ahead of the cache (`HubSync.liveAhead`). */
  onAhead?(change: { cursor: number; kinds: EntityKind[]; ids: ChangedIds }): void;
  onCommandSettled(entry: OutboxEntry): void;
  /** Subscribed again after a (re)connect: the moment to restate anything the hub keeps per connection. */
  onOnline?(socket: Socket): void;
}

const COMMAND_ACK_TIMEOUT_MS = 10_000;
const OUTBOX_RETRY_MS = 2_000;
const RECONNECT_AFTER_HUB_SHUTDOWN_MS = 1_000;

type CommandAnswer = { ok: true } | { ok: false; code: string; reason: string; words?: unknown };

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
 * A catch-up and the live stream are interleaved, not queued one behind the other: the cache applies the
 * catch-up in order, a slice at a time with a turn of the event loop between slices, and live events that
 * arrive meanwhile are shown at once ahead of the cache (`LiveAhead`) and applied in their turn.
 */
export class HubSync {
  private socket: Socket | undefined;
  private status: SyncStatus;
  private tracker: CatchUpTracker | undefined;
  /** What live events make of their entities while the cache is still catching up beneath them. */
  readonly liveAhead = new LiveAhead();
  /** Batches are applied one after another even when one of them has to wait for a backfill. */
  private applying: Promise<void> = Promise.resolve();
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly session: HubSession,
    private readonly cache: LocalCache,
    private readonly outbox: Outbox,
    private readonly listener: SyncListener,
  ) {
    this.status = {
      connection: 'offline',
      connectionSince: new Date().toISOString(),
      cursor: cache.cursor,
      hubHead: null,
      catchUp: null,
      lastError: null,
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
    const socket = io(this.session.hubUrl, {
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 0.5,
      auth: (provide) => {
        this.session.accessToken().then(
          (token) => provide({ token }),
          (error: unknown) => {
            this.update({ lastError: `sign-in failed: ${(error as Error).message}` });
            provide({});
          },
        );
      },
    });
    this.socket = socket;

    socket.on('connect', () => {
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
      if (reason === 'io server disconnect') {
        clearTimeout(this.reconnectTimer);
        this.reconnectTimer = setTimeout(() => socket.connect(), RECONNECT_AFTER_HUB_SHUTDOWN_MS);
      }
    });
    socket.on('connect_error', (error) => this.update({ connection: 'offline', lastError: error.message }));
    socket.on('catch-up', ({ from, to }: { from: number; to: number }) => {
      this.tracker = new CatchUpTracker(from, to);
      this.update({ hubHead: to, catchUp: this.tracker.progress(this.cache.cursor) });
    });
    socket.on('snapshot', (snapshot: { seq: number; entities: EntityState[] }) => {
      this.enqueue(async () => {
        this.cache.applySnapshot(snapshot.seq, snapshot.entities);
        this.liveAhead.clear();
        this.listener.onApplied({
          cursor: snapshot.seq,
          kinds: [...new Set(snapshot.entities.map((e) => e.kind))],
          ids: null,
        });
      });
    });
    socket.on('events', (events: HubEvent[], bounds: { after: number; through: number }) => {
      this.showAheadOfCatchUp({ ...bounds, events });
      this.enqueue(() => this.applyBatch(socket, { ...bounds, events }));
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying.then(work).catch((error: unknown) => {
      this.update({ lastError: `could not apply events: ${(error as Error).message}` });
      // Start over from the cursor: whatever failed is fetched again.
      this.socket?.disconnect().connect();
    });
  }

  private async subscribe(socket: Socket): Promise<void> {
    await this.applying;
    const answer = (await socket.emitWithAck('subscribe', { since: this.cache.cursor })) as
      { ok: true; liveFrom: number } | { ok: false; error: string };
    if (!answer.ok) {
      this.update({ connection: 'offline', lastError: answer.error });
      return;
    }
    this.update({
      connection: 'online',
      lastError: null,
      hubHead: Math.max(this.status.hubHead ?? 0, answer.liveFrom),
    });
    this.listener.onOnline?.(socket);
    void this.flushOutbox();
  }

  /** A live batch that arrives while a catch-up is being applied is shown now, ahead of the cache. */
  private showAheadOfCatchUp(batch: EventBatch): void {
    if (!this.tracker?.isLive(batch.after)) return;
    const cursor = this.cache.cursor;
    const ids = this.liveAhead.take(batch.events, cursor, (kind, id) => this.cache.getEntity(kind, id));
    const kinds = Object.keys(ids) as EntityKind[];
    if (kinds.length > 0) this.listener.onAhead?.({ cursor, kinds, ids });
  }

  private async applyBatch(socket: Socket, batch: EventBatch): Promise<void> {
    for (const [index, slice] of applySlices(batch).entries()) {
      if (index > 0) await nextTurn();
      await this.applySlice(socket, slice);
    }
  }

  private async applySlice(socket: Socket, batch: EventBatch): Promise<void> {
    let result = this.cache.apply(batch);
    if (result.kind === 'gap') {
      const missing = (await socket.emitWithAck('backfill', {
        after: result.missingAfter,
        through: result.missingThrough,
      })) as { ok: true; after: number; through: number; events: HubEvent[] } | { ok: false; error: string };
      if (!missing.ok) throw new Error(missing.error);
      const filled = this.cache.apply(missing);
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
        let answer: CommandAnswer;
        try {
          answer = (await socket
            .timeout(COMMAND_ACK_TIMEOUT_MS)
            .emitWithAck('command', next.command)) as CommandAnswer;
        } catch {
          // No answer: the command stays pending and is sent again, with the same id, shortly.
          this.retrySoon();
          return;
        }
        if (!answer.ok && answer.code === 'internal-error') {
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
