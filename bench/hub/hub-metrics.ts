/**
 * The hub's own histogram of the time from an event's `at` to its broadcast (ingest, commit and the wait
 * for the next batch), read from its Prometheus endpoint. Set against what the clients measure, it tells
 * the hub's share of the latency from the share of delivery and decoding.
 */
const BUCKET_LINE = /^pingan_hub_ingest_to_broadcast_seconds_bucket\{le="([^"]+)"\} (\d+)$/gm;

/** Cumulative counts by upper bound in seconds (`Infinity` for `+Inf`). */
export type BroadcastHistogram = Map<number, number>;

export async function readBroadcastHistogram(hubUrl: string): Promise<BroadcastHistogram> {
  const response = await fetch(`${hubUrl}/metrics`);
  if (response.status !== 200) throw new Error(`metrics failed: ${response.status}`);
  const text = await response.text();
  return new Map(
    [...text.matchAll(BUCKET_LINE)].map(([, le, count]) => [
      le === '+Inf' ? Infinity : Number(le),
      Number(count),
    ]),
  );
}

export interface BroadcastShare {
  withinMs: number;
  share: number;
}

/** For each bucket: the share of the events broadcast between the two readings that took at most that long. */
export function broadcastShares(before: BroadcastHistogram, after: BroadcastHistogram): BroadcastShare[] {
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  return [...after]
    .filter(([le]) => Number.isFinite(le))
    .map(([le, count]) => ({
      withinMs: Math.round(le * 1000),
      share: total === 0 ? 0 : (count - (before.get(le) ?? 0)) / total,
    }));
}
