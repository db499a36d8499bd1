import type { Socket } from 'socket.io';
import type { HubStore } from '../store';
import { SCOPE_ROOM_PREFIX, type LiveBroadcaster } from './broadcaster';

export const REPLAY_BATCH_SIZE = 5000;

export interface SubscribeResult {
  mode: 'replay' | 'snapshot';
  /** The seq the client is complete through when live streaming begins. */
  liveFrom: number;
  replayed: number;
}

/**
 * Brings one client from `since` to live. If the log still holds everything after `since`, the missing
 * events are replayed in order; if not, the client gets a snapshot of current state and the tail after it.
 * The client joins its scope room only once it has everything the broadcaster has sent, so it never misses
 * an event and never receives one twice.
 */
/** The events of the socket's scope in a stretch it found missing: at most one replay batch at a time. */
export async function backfill(store: HubStore, scope: string, after: number, through: number) {
  const events = await store.eventsBetween(after, through, scope, REPLAY_BATCH_SIZE);
  return { after, through: events.length < REPLAY_BATCH_SIZE ? through : events.at(-1)!.seq, events };
}

export async function catchUpAndJoin(
  socket: Socket,
  store: HubStore,
  broadcaster: LiveBroadcaster,
  scope: string,
  since: number,
  onProgress: (remaining: number) => void,
): Promise<SubscribeResult> {
  let cursor = since;
  let mode: SubscribeResult['mode'] = 'replay';
  let replayed = 0;

  const oldest = await store.oldestRetainedSeq();
  if (since + 1 < oldest) {
    const snapshot = await store.snapshot(scope);
    socket.emit('snapshot', { seq: snapshot.seq, entities: snapshot.entities });
    cursor = snapshot.seq;
    mode = 'snapshot';
    // The snapshot may be ahead of the live stream: joining before the stream has caught up with it
    // would deliver events the snapshot already holds.
    await broadcaster.reached(cursor);
  }

  for (;;) {
    const target = broadcaster.broadcastThrough;
    onProgress(Math.max(0, target - cursor));
    if (target > cursor) socket.emit('catch-up', { from: cursor, to: target });
    while (cursor < target) {
      const events = await store.eventsBetween(cursor, target, scope, REPLAY_BATCH_SIZE);
      const through = events.length < REPLAY_BATCH_SIZE ? target : events.at(-1)!.seq;
      socket.emit('events', events, { after: cursor, through });
      replayed += events.length;
      cursor = through;
    }
    // No await between this check and the join: the broadcaster cannot send in between.
    if (broadcaster.broadcastThrough === target) {
      socket.data.scope = scope;
      void socket.join(`${SCOPE_ROOM_PREFIX}${scope}`);
      onProgress(0);
      return { mode, liveFrom: target, replayed };
    }
  }
}
