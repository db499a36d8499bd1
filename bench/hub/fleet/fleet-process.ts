/**
 * A fleet of live-stream clients in a process of its own, so that decoding what they receive does not
 * compete with the benchmark's poster for a core. Driven over IPC (see `protocol`).
 */
import {
  configFromParent,
  exitWithParent,
  onParentMessage,
  reportFailure,
  sendToParent,
} from '../../lib/parent-channel';
import { CountingClient } from './counting-client';
import { LatencyRecorder } from './latency-recorder';
import type { FleetConfig, FleetReached, FleetReady, FleetRequest, FleetSubscribed } from './protocol';

const POLL_MS = 10;

exitWithParent();
const config = configFromParent<FleetConfig>();
const latencies = new LatencyRecorder(config.clients);
const clients = Array.from({ length: config.clients }, () => new CountingClient(config, latencies));

async function awaitSeq(seq: number, timeoutMs: number): Promise<FleetReached> {
  const deadline = Date.now() + timeoutMs;
  const allReached = () => clients.every((client) => client.tally.lastSeq >= seq);
  while (!allReached() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return {
    type: 'reached',
    reached: allReached(),
    lastReceivedAt: Math.max(...clients.map((client) => client.lastReceivedAt)),
    clients: clients.map((client) => ({ ...client.tally })),
    latency: latencies.everyDelivery.summary(),
    firstArrivalLatency: latencies.firstArrival.summary(),
  };
}

onParentMessage<FleetRequest>(async (request) => {
  switch (request.type) {
    case 'subscribe': {
      const outcomes = await Promise.all(clients.map((client) => client.subscribe(request.since)));
      sendToParent({ type: 'subscribed', clients: outcomes } satisfies FleetSubscribed);
      return;
    }
    case 'await-seq':
      sendToParent(await awaitSeq(request.seq, request.timeoutMs));
      return;
  }
});

Promise.all(clients.map((client) => client.connected())).then(
  () => sendToParent({ type: 'ready' } satisfies FleetReady),
  reportFailure,
);
