import { fileURLToPath } from 'node:url';
import { BroadcastChannel } from 'node:worker_threads';
import type { DesktopEventName } from '../../src/core/contract/api';
import type { CoreClient } from '../../src/core/worker/core-client';

/** The core's worker entry that also reports its own event-loop utilisation and heap (see the file). */
export const METERED_WORKER_ENTRY = fileURLToPath(new URL('./metered-core-worker.mjs', import.meta.url));
const METER_EVENT = 'bench.meter';
const GC_CHANNEL = 'pingan-bench-gc';

/** One report from inside the worker: its event loop's idle and active time (ms, since it started), its memory. */
export interface MeterReading {
  /** Epoch ms. */
  at: number;
  idle: number;
  active: number;
  /** The worker's own V8 heap in use, bytes. */
  heapUsed: number;
  /** The whole process's resident set, bytes (worker threads share it). */
  rss: number;
  /** Made right after a full garbage collection, when asked for with {@link WorkerMeter.afterFullGc}. */
  afterFullGc?: boolean;
}

/** The worker thread's reports, as they arrive. */
export class WorkerMeter {
  private waiting: ((reading: MeterReading) => void)[] = [];

  constructor(core: CoreClient) {
    // Not one of the core's own events, so the client's types do not know it; it arrives the same way.
    core.on(METER_EVENT as DesktopEventName, (payload) => {
      const reading = payload as unknown as MeterReading;
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve(reading);
    });
  }

  /** The next report: one made after this call. */
  next(): Promise<MeterReading> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A report made right after the worker collected all its garbage: what its heap holds on to. */
  async afterFullGc(): Promise<MeterReading> {
    const channel = new BroadcastChannel(GC_CHANNEL);
    try {
      channel.postMessage('collect');
      for (;;) {
        const reading = await this.next();
        if (reading.afterFullGc) return reading;
      }
    } finally {
      channel.close();
    }
  }
}

/** The share of the wall time between two reports that the worker's event loop was busy. */
export function busyShare(from: MeterReading, to: MeterReading): number {
  const active = to.active - from.active;
  const total = active + (to.idle - from.idle);
  return total > 0 ? active / total : 0;
}
