export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Longer latencies share the last bucket; `max` still records the exact worst. */
const BUCKETS = 60_000;

/**
 * Millisecond buckets: millions of samples (every event at every client) in a fixed 240 kB, and exact
 * percentiles at the millisecond resolution of the `at` timestamps they come from.
 */
export class LatencyHistogram {
  private readonly counts = new Uint32Array(BUCKETS);
  private count = 0;
  private max = 0;

  record(milliseconds: number): void {
    const bucket = Math.min(BUCKETS - 1, Math.max(0, Math.round(milliseconds)));
    this.counts[bucket]! += 1;
    this.count += 1;
    if (milliseconds > this.max) this.max = milliseconds;
  }

  private percentile(fraction: number): number {
    const rank = Math.ceil(fraction * this.count);
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket += 1) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return bucket;
    }
    return this.max;
  }

  summary(): LatencySummary {
    if (this.count === 0) return { count: 0, p50: 0, p95: 0, p99: 0, max: 0 };
    return {
      count: this.count,
      p50: this.percentile(0.5),
      p95: this.percentile(0.95),
      p99: this.percentile(0.99),
      max: Math.round(this.max),
    };
  }
}
