/**
 * The hub's live stream and nothing else, with a chosen delivery: the same SQLite store, socket.io
 * settings, subscription path and broadcaster as the hub, so that delivery is the only difference between
 * the two saturation runs. Driven over IPC (see `protocol`).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { recordEvents } from '../../../src/hub/projector';
import { openHubStore } from '../../../src/hub/store';
import { LiveBroadcaster } from '../../../src/hub/stream/broadcaster';
import { catchUpAndJoin } from '../../../src/hub/stream/subscription';
import { configFromParent, exitWithParent, onParentMessage, sendToParent } from '../../lib/parent-channel';
import { PREFECTURE, pointsInDali, villageCodes } from '../dali';
import { benchForces, movementDrafts, registrationDrafts } from '../forces';
import { PerEventBroadcaster } from './per-event-broadcaster';
import type { CommitRequest, StreamServerCommitted, StreamServerConfig, StreamServerReady } from './protocol';

/** As large as the biggest batch the ingest API accepts. */
const RECORD_BATCH = 5000;

exitWithParent();
const config = configFromParent<StreamServerConfig>();
const forces = benchForces(config.forces, villageCodes());
const points = pointsInDali(config.positionPoints);

const store = await openHubStore(`sqlite:${config.dbFile}`);
await store.transaction((tx) => recordEvents(tx, registrationDrafts(forces, new Date().toISOString())));

const httpServer = createServer();
// As the hub configures its socket.io server.
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 1024 * 1024 });
const broadcaster =
  config.delivery === 'naive' ? new PerEventBroadcaster(io, store) : new LiveBroadcaster(io, store);
await broadcaster.start();

io.on('connection', (socket) => {
  socket.on('subscribe', (request: { since: number }, ack: (reply: unknown) => void) => {
    const audience = { scope: PREFECTURE, role: 'commander' };
    catchUpAndJoin(socket, store, broadcaster, audience, request.since, () => undefined).then(
      (result) => ack({ ok: true, ...result }),
      (error: unknown) => ack({ ok: false, error: String(error) }),
    );
  });
});

onParentMessage<CommitRequest>(async (request) => {
  for (let recorded = 0; recorded < request.events; recorded += RECORD_BATCH) {
    const count = Math.min(RECORD_BATCH, request.events - recorded);
    const at = new Date().toISOString();
    await store.transaction((tx) => recordEvents(tx, movementDrafts(forces, points, recorded, count, at)));
  }
  const committedAt = Date.now();
  broadcaster.notifyCommitted();
  sendToParent({
    type: 'committed',
    committedAt,
    headSeq: await store.headSeq(),
  } satisfies StreamServerCommitted);
});

await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
const { port } = httpServer.address() as AddressInfo;
sendToParent({
  type: 'ready',
  url: `http://127.0.0.1:${port}`,
  headSeq: await store.headSeq(),
} satisfies StreamServerReady);
