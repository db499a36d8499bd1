import { withheldEventTypes, withheldKinds } from '../../domain';
import { MAX_EVENTS_PER_FRAME, SERVER_EVENTS } from '../../protocol';
import type { HubStore } from '../store';
import type { LiveBroadcaster } from './broadcaster';
import type { Audience, HubSocket } from './socket-types';

export const REPLAY_BATCH_SIZE = MAX_EVENTS_PER_FRAME;
/**
 * The most payload a replay frame carries, whatever its count: the seeding of a prefecture logs a thousand
 * events of a few hundred kilobytes each (a village's monitoring points), and a frame of 5,000 of them is tens
 * of megabytes that the hub reads, parses and serialises in one turn of its event loop, seconds during which
 * no other client's stream moves.
 */
export const REPLAY_FRAME_BYTES = 1_000_000;

export interface SubscribeResult {
  mode: 'replay' | 'snapshot';
  /** The seq the client is complete through when live streaming begins. */
  liveFrom: number;
  replayed: number;
}

/**
 * The events of an audience in `after` < seq ≤ `through`, one replay frame of them (by count and by size),
 * and the stretch the frame covers: all of it when the frame is not full, since whatever the audience may not
 * see in it is left out on purpose and is no gap. Serves the catch-up and a client's request for a stretch it
 * found missing.
 */
export async function backfill(store: HubStore, { scope, role }: Audience, after: number, through: number) {
  const frame = await store.replayFrame(
    { after, through, limit: REPLAY_BATCH_SIZE, maxBytes: REPLAY_FRAME_BYTES },
    scope,
    withheldEventTypes(role),
  );
  return { after, through: frame.through, events: frame.events };
}

/**
 * Settles once what was emitted to `socket` has been handed to the network, or the socket has closed. A
 * catch-up waits for it between batches: without it, a whole log is read, serialised and queued in memory as
 * fast as the hub can, holding its event loop (and every other client's live stream) for seconds, when the
 * client can take it only as fast as it applies it.
 */
function flushed(socket: HubSocket): Promise<void> {
  const connection = socket.conn;
  const transport = connection.transport;
  if (transport.writable || socket.disconnected) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      transport.off('ready', ready);
      connection.off('upgrade', done);
      socket.off('disconnect', done);
      resolve();
    };
    // engine.io flushes what it buffered meanwhile on this same 'ready': the transport may be busy again.
    const ready = () => {
      if (transport.writable) done();
    };
    transport.on('ready', ready);
    // A client moving from long-polling to a WebSocket leaves the old transport behind.
    connection.once('upgrade', done);
    socket.once('disconnect', done);
  });
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
      await flushed(socket);
      // Gone meanwhile: nothing to join, nobody to answer.
      if (socket.disconnected) return { mode, liveFrom: cursor, replayed };
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
