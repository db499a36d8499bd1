import { withheldEventTypes, withheldKinds } from '../../domain';
import { MAX_EVENTS_PER_FRAME, SERVER_EVENTS } from '../../protocol';
import type { HubStore } from '../store';
import type { LiveBroadcaster } from './broadcaster';
import type { Audience, HubSocket } from './socket-types';

export const REPLAY_BATCH_SIZE = MAX_EVENTS_PER_FRAME;

export interface SubscribeResult {
  mode: 'replay' | 'snapshot';
  /** The seq the client is complete through when live streaming begins. */
  liveFrom: number;
  replayed: number;
}

/**
 * The events of an audience in `after` < seq ≤ `through`, at most one replay batch of them, and the stretch
 * the batch covers: all of it when the batch is not full, since whatever the audience may not see in it is
 * left out on purpose and is no gap. Serves the catch-up and a client's request for a stretch it found missing.
 */
export async function backfill(store: HubStore, { scope, role }: Audience, after: number, through: number) {
  const events = await store.eventsBetween(
    after,
    through,
    scope,
    REPLAY_BATCH_SIZE,
    withheldEventTypes(role),
  );
  return { after, through: events.length < REPLAY_BATCH_SIZE ? through : events.at(-1)!.seq, events };
}

/**
 * Brings one client from `since` to live. If the log still holds everything after `since`, the missing
 * events are replayed in order; if not, the client gets a snapshot of current state and the tail after it.
 * The client joins its stream room only once it has everything the broadcaster has sent, so it never misses
 * an event and never receives one twice.
 */
export async function catchUpAndJoin(
  socket: HubSocket,
  store: HubStore,
  broadcaster: LiveBroadcaster,
  audience: Audience,
  since: number,
  onProgress: (remaining: number) => void,
): Promise<SubscribeResult> {
  let cursor = since;
  let mode: SubscribeResult['mode'] = 'replay';
  let replayed = 0;

  const oldest = await store.oldestRetainedSeq();
  if (since + 1 < oldest) {
    const snapshot = await store.snapshot(audience.scope, withheldKinds(audience.role));
    socket.emit(SERVER_EVENTS.snapshot, { seq: snapshot.seq, entities: snapshot.entities });
    cursor = snapshot.seq;
    mode = 'snapshot';
    // The snapshot may be ahead of the live stream: joining before the stream has caught up with it
    // would deliver events the snapshot already holds.
    await broadcaster.reached(cursor);
  }
  // The client may hold more of the log than this process has broadcast yet (another hub process sharing the
  // store committed it, and this one has still to read it): joining now would send it again what it holds.
  // Wait for the stream to pass it, but never for a stretch the log does not have.
  await broadcaster.reached(Math.min(cursor, await store.headSeq()));

  for (;;) {
    const target = broadcaster.broadcastThrough;
    onProgress(Math.max(0, target - cursor));
    if (target > cursor) socket.emit(SERVER_EVENTS.catchUp, { from: cursor, to: target });
    while (cursor < target) {
      const batch = await backfill(store, audience, cursor, target);
      socket.emit(SERVER_EVENTS.events, batch.events, { after: batch.after, through: batch.through });
      replayed += batch.events.length;
      cursor = batch.through;
    }
    // No await between this check and the join: the broadcaster cannot send in between.
    if (broadcaster.broadcastThrough === target) {
      socket.data.audience = audience;
      broadcaster.join(socket, audience.role, audience.scope);
      onProgress(0);
      return { mode, liveFrom: target, replayed };
    }
  }
}
