import { isEventInScope, mayViewEvent } from '../../domain';
import { MAX_EVENTS_PER_FRAME, SERVER_EVENTS } from '../../protocol';
import type { HubStore, StoredEvent } from '../store';
import type { HubServer, HubSocket } from './socket-types';

export const BATCH_INTERVAL_MS = 50;
const MAX_EVENTS_PER_READ = MAX_EVENTS_PER_FRAME;
const SCOPE_ROOM_PREFIX = 'scope:';

/**
 * The room of the clients that receive the same stream: the same scope, seen through the same role (some
 * events only some roles may see). Codes are digits and roles have no colon, so the name parses back.
 */
function streamRoom(role: string, scope: string): string {
  return `${SCOPE_ROOM_PREFIX}${role}:${scope}`;
}

/** The role and scope a stream room was named for; null for the other rooms (presence …). */
export function streamAudience(room: string): { role: string; scope: string } | null {
  if (!room.startsWith(SCOPE_ROOM_PREFIX)) return null;
  const [role, scope] = room.slice(SCOPE_ROOM_PREFIX.length).split(':') as [string, string];
  return { role, scope };
}

/**
 * Look for commits every second even without a notice: another process may share the store, and whatever
 * writes to it outside the hub's own paths (seeding, maintenance) is picked up without being announced.
 */
const SAFETY_NET_TICKS = 20;

export interface BroadcastObserver {
  onBroadcast(events: readonly StoredEvent[], deliveries: number): void;
  onError(error: unknown): void;
}

/**
 * Delivers committed events to subscribed clients in small batches: at most one per `BATCH_INTERVAL_MS`.
 * A commit is sent at once if the last batch is that old, else when the interval is up, so a quiet stream
 * pays no waiting and a busy one is still grouped. Each batch reads what was committed since the last (by
 * any hub process sharing the store) and emits one message per scope room, not one per event per client:
 * the encoded packet is shared by every client in the room.
 *
 * Only local clients are addressed (`io.local`): each hub process reads the shared log itself, so events
 * reach every client in `seq` order whichever process ingested them.
 */
export class LiveBroadcaster {
  private lastBroadcastSeq = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private pending = false;
  private ticks = 0;
  private lastFlushAt = 0;
  private scheduled: NodeJS.Timeout | undefined;
  private waiters: { seq: number; resolve: () => void }[] = [];
  /** The `through` of the last batch each room was sent: the next batch continues from there. */
  private readonly roomThrough = new Map<string, number>();

  constructor(
    private readonly io: HubServer,
    private readonly store: HubStore,
    private readonly observer?: BroadcastObserver,
  ) {}

  async start(): Promise<void> {
    this.lastBroadcastSeq = await this.store.headSeq();
    this.timer = setInterval(() => this.tick(), BATCH_INTERVAL_MS);
  }

  /** The seq up to which every local room has been sent everything in its scope. */
  get broadcastThrough(): number {
    return this.lastBroadcastSeq;
  }

  /**
   * Adds a client that holds everything broadcast so far to the stream of its role and scope. A room new to the
   * stream starts from here: had it no start, its first message would start where the broadcast stood when
   * it was sent, and a client that joined before stretches with nothing for it would see a gap.
   */
  join(socket: HubSocket, role: string, scope: string): void {
    const room = streamRoom(role, scope);
    if (!this.roomThrough.has(room)) this.roomThrough.set(room, this.lastBroadcastSeq);
    void socket.join(room);
  }

  /** Resolves once every event up to `seq` has been broadcast. */
  reached(seq: number): Promise<void> {
    if (this.lastBroadcastSeq >= seq) return Promise.resolve();
    this.pending = true;
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** Called when events were committed (here or, through Redis, on another hub). */
  notifyCommitted(): void {
    this.pending = true;
    if (this.scheduled || this.running) return;
    const wait = Math.max(0, this.lastFlushAt + BATCH_INTERVAL_MS - performance.now());
    this.scheduled = setTimeout(() => {
      this.scheduled = undefined;
      this.flushPending();
    }, wait);
  }

  private tick(): void {
    this.ticks += 1;
    if (this.ticks % SAFETY_NET_TICKS === 0) this.pending = true;
    if (performance.now() - this.lastFlushAt >= BATCH_INTERVAL_MS) this.flushPending();
  }

  private flushPending(): void {
    if (this.running || !this.pending) return;
    this.lastFlushAt = performance.now();
    this.running = this.flush()
      .catch((error: unknown) => {
        this.pending = true;
        this.observer?.onError(error);
      })
      .finally(() => (this.running = undefined));
  }

  /** Sends everything committed so far; resolves when sent. */
  async flush(): Promise<void> {
    this.pending = false;
    for (;;) {
      const events = await this.store.eventsBetween(
        this.lastBroadcastSeq,
        Number.MAX_SAFE_INTEGER,
        '',
        MAX_EVENTS_PER_READ,
      );
      if (events.length === 0) return;
      this.emitToRooms(events);
      this.lastBroadcastSeq = events.at(-1)!.seq;
      this.releaseWaiters();
      if (events.length < MAX_EVENTS_PER_READ) return;
    }
  }

  private releaseWaiters(): void {
    const ready = this.waiters.filter((waiter) => waiter.seq <= this.lastBroadcastSeq);
    this.waiters = this.waiters.filter((waiter) => waiter.seq > this.lastBroadcastSeq);
    for (const waiter of ready) waiter.resolve();
  }

  /**
   * Each message says which stretch of the log it covers, `{ after, through }`: a client that finds
   * `after` beyond what it holds knows it missed a message and asks for the stretch in between. A room with
   * nothing in a stretch (nothing in its scope, or only what its role may not see) is sent nothing, and its
   * next message starts where its last one ended: the stretch between holds nothing for it, so no gap.
   */
  protected emitToRooms(events: readonly StoredEvent[]): void {
    let deliveries = 0;
    const through = events.at(-1)!.seq;
    const after = this.lastBroadcastSeq;
    for (const [room, sockets] of this.io.of('/').adapter.rooms) {
      const audience = streamAudience(room);
      if (!audience) continue;
      const { role, scope } = audience;
      const inScope = events.filter(
        (event) => (scope === '' || isEventInScope(event, scope)) && mayViewEvent(role, event.type),
      );
      if (inScope.length === 0) continue;
      // Every room has its start from `join`; without one, a client would see a gap where there is none and
      // ask for it: a round trip, no harm.
      const start = this.roomThrough.get(room) ?? after;
      this.io.local.to(room).emit(SERVER_EVENTS.events, inScope, { after: start, through });
      this.roomThrough.set(room, through);
      deliveries += inScope.length * sockets.size;
    }
    for (const room of this.roomThrough.keys()) {
      if (!this.io.of('/').adapter.rooms.has(room)) this.roomThrough.delete(room);
    }
    this.observer?.onBroadcast(events, deliveries);
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.scheduled);
  }
}
