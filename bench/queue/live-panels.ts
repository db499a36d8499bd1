import type { CoreClient } from '../../src/core/worker/core-client';
import { TIMED_STAGES } from '../../src/domain';
import { median } from '../lib/stats';
import { timedCall } from './core-calls';
import { QUEUE_BENCH } from './settings';
import { busyShare, type WorkerMeter } from './worker-meter';

export interface LivePanelsResult {
  wallMs: number;
  /** The worker thread's event-loop utilisation over the stretch, from the worker itself. */
  busy: number;
  /** The sum of every call's round trip over the wall time: an upper bound that counts queueing too. */
  roundTripShare: number;
  calls: Record<keyof typeof QUEUE_BENCH.livePanelPeriodsMs, number>;
  /** The median round trip of each panel's calls, ms. */
  medianRoundTripMs: Record<keyof typeof QUEUE_BENCH.livePanelPeriodsMs, number>;
  /** The worker's event-loop utilisation over a stretch with no calls just before: its own background work. */
  busyWithoutCalls: number;
  /** The worker's V8 heap and the process's RSS at the end, bytes. */
  workerHeapBytes: number;
  processRssBytes: number;
  /** After a full collection in the worker, straight after the panels: what the core holds on to. */
  retainedWorkerHeapBytes: number;
  processRssAfterGcBytes: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One panel refreshing on its period until `endAt`: a call is made when it is due, or when the last answer
 * came if that was later (a panel does not ask again before it has its answer).
 */
async function panel(core: CoreClient, method: string, input: unknown, periodMs: number, endAt: number) {
  const roundTrips: number[] = [];
  for (let due = performance.now(); due < endAt; due += periodMs) {
    await sleep(due - performance.now());
    roundTrips.push((await timedCall(core, method, input)).ms);
  }
  return roundTrips;
}

/** The workspace's live panels all refreshing at once, for `QUEUE_BENCH.livePanelsSeconds`. */
export async function runLivePanels(core: CoreClient, meter: WorkerMeter): Promise<LivePanelsResult> {
  const periods = QUEUE_BENCH.livePanelPeriodsMs;
  // First the worker left alone for one period of the core's overdue sweep, for its load without any call.
  const quietFrom = await meter.next();
  await sleep(QUEUE_BENCH.quietSeconds * 1000);
  const from = await meter.next();
  const busyWithoutCalls = busyShare(quietFrom, from);
  const started = performance.now();
  const endAt = started + QUEUE_BENCH.livePanelsSeconds * 1000;
  const queueInput = {
    filter: { stages: [...TIMED_STAGES] },
    sort: 'deadline',
    offset: 0,
    limit: QUEUE_BENCH.block,
  };
  const [figures, counts, queue] = await Promise.all([
    panel(core, 'figures.get', {}, periods.figures, endAt),
    panel(core, 'counts.get', {}, periods.counts, endAt),
    panel(core, 'queue.window', queueInput, periods.queue, endAt),
  ]);
  // The stretch is the whole period of each panel's last call, as it is on screen.
  await sleep(endAt - performance.now());
  const wallMs = performance.now() - started;
  const to = await meter.next();
  const roundTrips = [...figures, ...counts, ...queue].reduce((sum, ms) => sum + ms, 0);
  const collected = await meter.afterFullGc();
  return {
    wallMs,
    busy: busyShare(from, to),
    roundTripShare: roundTrips / wallMs,
    calls: { figures: figures.length, counts: counts.length, queue: queue.length },
    medianRoundTripMs: { figures: median(figures), counts: median(counts), queue: median(queue) },
    busyWithoutCalls,
    workerHeapBytes: to.heapUsed,
    processRssBytes: to.rss,
    retainedWorkerHeapBytes: collected.heapUsed,
    processRssAfterGcBytes: collected.rss,
  };
}
