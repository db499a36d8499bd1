import type { Server } from 'socket.io';
import { isEventInScope, mayViewEvent } from '../../../src/domain';
import type { HubStore, StoredEvent } from '../../../src/hub/store';
import { LiveBroadcaster, streamAudience } from '../../../src/hub/stream/broadcaster';

/**
 * The delivery the hub's broadcaster is built to avoid, here only to measure what its batching is worth:
 * one `socket.emit` per event per client, so every event is encoded and framed once for each client. Each
 * message has the hub's shape (events, then the stretch of the log it covers), and everything else
 * (reading the log, rooms, scopes) is the hub's own.
 */
export class PerEventBroadcaster extends LiveBroadcaster {
  constructor(
    private readonly server: Server,
    store: HubStore,
  ) {
    super(server, store);
  }

  protected override emitToRooms(events: readonly StoredEvent[]): void {
    const namespace = this.server.of('/');
    for (const [room, socketIds] of namespace.adapter.rooms) {
      const audience = streamAudience(room);
      if (!audience) continue;
      const inScope = events.filter(
        (event) => isEventInScope(event, audience.scope) && mayViewEvent(audience.role, event.type),
      );
      for (const socketId of socketIds) {
        const socket = namespace.sockets.get(socketId);
        // Called before the base class records these events as sent: this is where the batch starts.
        let after = this.broadcastThrough;
        for (const event of inScope) {
          socket?.emit('events', [event], { after, through: event.seq });
          after = event.seq;
        }
      }
    }
  }
}
