import type { StoredEvent } from '../../../src/hub/store';
import { LatencyHistogram } from '../../lib/latency-histogram';

/**
 * Whether an event is one of the benchmark's own positions: only their `at` is the time they were posted (a
 * simulator sharing the hub stamps its own with its simulated clock).
 */
export function isBenchPosition(event: StoredEvent): boolean {
  if (event.type !== 'force.moved') return false;
  const forceId = (event.payload as { forceId?: unknown }).forceId;
  return typeof forceId === 'string' && forceId.startsWith('bench-force-');
}

/**
 * Receive time minus each event's `at`, kept twice: over every delivery, and over the first delivery of
 * each batch only. The fleet decodes one batch for a hundred clients one after another, so the last client
 * to get it waits for the other ninety-nine; the first arrival shows the hub's part alone.
 */
export class LatencyRecorder {
  readonly everyDelivery = new LatencyHistogram();
  readonly firstArrival = new LatencyHistogram();
  /** Batches by their first seq, until every client has had them. */
  private readonly arrivals = new Map<number, number>();

  constructor(private readonly clients: number) {}

  record(batch: readonly StoredEvent[], receivedAt: number): void {
    const key = batch[0]?.seq;
    if (key === undefined) return;
    const arrivals = (this.arrivals.get(key) ?? 0) + 1;
    if (arrivals === this.clients) this.arrivals.delete(key);
    else this.arrivals.set(key, arrivals);
    for (const event of batch) {
      if (!isBenchPosition(event)) continue;
      const latency = receivedAt - Date.parse(event.at);
      this.everyDelivery.record(latency);
      if (arrivals === 1) this.firstArrival.record(latency);
    }
  }
}
