import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION } from '../../../src/protocol/version';
import type { StoredEvent } from '../../../src/hub/store';
import { isBenchPosition, type LatencyRecorder } from './latency-recorder';
import type { ClientTally, FleetConfig, SubscribeOutcome } from './protocol';

const SUBSCRIBE_TIMEOUT_MS = 120_000;

/** A live-stream client that keeps only counts and latencies: a fleet of them must stay cheap. */
export class CountingClient {
  readonly tally: ClientTally = {
    received: 0,
    posted: 0,
    lastSeq: 0,
    gaps: 0,
    outOfOrder: 0,
    disconnects: 0,
  };
  lastReceivedAt = 0;
  private readonly socket: Socket;

  constructor(
    config: FleetConfig,
    private readonly latencies: LatencyRecorder,
  ) {
    this.socket = io(config.url, {
      auth: config.token
        ? { token: config.token, protocol: PROTOCOL_VERSION }
        : { protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on('events', (batch: StoredEvent[]) => this.receive(batch));
    this.socket.on('disconnect', () => (this.tally.disconnects += 1));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  async subscribe(since: number): Promise<SubscribeOutcome> {
    this.tally.lastSeq = since;
    const started = performance.now();
    const reply = (await this.socket
      .timeout(SUBSCRIBE_TIMEOUT_MS)
      .emitWithAck('subscribe', { since })) as Omit<SubscribeOutcome, 'elapsedMs' | 'receivedByAck'>;
    return { ...reply, elapsedMs: performance.now() - started, receivedByAck: this.tally.received };
  }

  close(): void {
    this.socket.close();
  }

  private receive(batch: readonly StoredEvent[]): void {
    const now = Date.now();
    this.lastReceivedAt = now;
    this.latencies.record(batch, now);
    const tally = this.tally;
    for (const event of batch) {
      tally.received += 1;
      if (isBenchPosition(event)) tally.posted += 1;
      if (event.seq <= tally.lastSeq) {
        tally.outOfOrder += 1;
        continue;
      }
      if (event.seq !== tally.lastSeq + 1) tally.gaps += 1;
      tally.lastSeq = event.seq;
    }
  }
}
