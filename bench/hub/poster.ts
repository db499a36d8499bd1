import type { Force } from '../../src/domain';
import { LatencyHistogram, type LatencySummary } from '../lib/latency-histogram';
import type { LngLat } from './dali';
import { movement } from './forces';
import { postPositions, type PositionReport } from './hub-api';

/** Twenty requests a second: well inside the ingest rate limit, and a realistic batch for a field system. */
const SEND_INTERVAL_MS = 50;
const FAILURES_KEPT = 5;

export interface PostingPlan {
  hubUrl: string;
  apiKey: string;
  forces: readonly Force[];
  points: readonly LngLat[];
  eventsPerSecond: number;
  durationMs: number;
  /** Called about once a second. */
  onProgress(elapsedMs: number, posted: number): void;
}

export interface PostingResult {
  requests: number;
  /** Positions the hub accepted and stored. */
  posted: number;
  failedRequests: number;
  failures: string[];
  /** The highest seq the hub gave a posted position. */
  lastSeq: number;
  /** Request to response, as the sender sees it. */
  roundTripMs: LatencySummary;
  /** From the first request to the last response. */
  seconds: number;
}

const sleepUntil = (time: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, time - Date.now())));

/**
 * Posts positions on a fixed schedule, not waiting for one response before the next request: a slow hub
 * must show up as latency, not as a lower rate. Each position's `at` is the moment it is sent, so a client
 * measures ingest-to-client latency as its receive time minus `at`.
 */
export async function postPositionsSteadily(plan: PostingPlan): Promise<PostingResult> {
  const batchSize = Math.round((plan.eventsPerSecond * SEND_INTERVAL_MS) / 1000);
  const runTag = Date.now().toString(36);
  const roundTrips = new LatencyHistogram();
  const result: Omit<PostingResult, 'roundTripMs' | 'seconds'> = {
    requests: 0,
    posted: 0,
    failedRequests: 0,
    failures: [],
    lastSeq: 0,
  };
  const inFlight = new Set<Promise<void>>();
  let sent = 0;

  const send = (positions: PositionReport[]) => {
    const sentAt = performance.now();
    result.requests += 1;
    const request = postPositions(plan.hubUrl, plan.apiKey, positions)
      .then((seqs) => {
        roundTrips.record(performance.now() - sentAt);
        result.posted += seqs.length;
        result.lastSeq = Math.max(result.lastSeq, ...seqs);
      })
      .catch((error: unknown) => {
        result.failedRequests += 1;
        if (result.failures.length < FAILURES_KEPT) result.failures.push((error as Error).message);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const started = Date.now();
  let lastProgress = started;
  for (let slot = 0; slot * SEND_INTERVAL_MS < plan.durationMs; slot += 1) {
    await sleepUntil(started + slot * SEND_INTERVAL_MS);
    const at = new Date().toISOString();
    send(
      Array.from({ length: batchSize }, () => {
        const { force, lngLat } = movement(plan.forces, plan.points, sent);
        sent += 1;
        return { id: `${runTag}-${sent}`, forceId: force.id, lng: lngLat[0], lat: lngLat[1], at };
      }),
    );
    if (Date.now() - lastProgress >= 1000) {
      lastProgress = Date.now();
      plan.onProgress(lastProgress - started, result.posted);
    }
  }
  await Promise.all(inFlight);
  return { ...result, roundTripMs: roundTrips.summary(), seconds: (Date.now() - started) / 1000 };
}
