import type { Force } from '../../src/domain';
import type { Cleanup } from '../lib/cleanup';
import { CpuMeter, type CpuShares } from '../lib/cpu-usage';
import type { LatencySummary } from '../lib/latency-histogram';
import type { Progress } from '../lib/progress';
import { RssSampler, type RssSample } from '../lib/rss';
import { fittedGrowth } from '../lib/stats';
import type { LngLat } from './dali';
import { ClientFleet } from './fleet/client-fleet';
import type { ClientTally } from './fleet/protocol';
import { headSeq } from './hub-api';
import { broadcastShares, readBroadcastHistogram, type BroadcastShare } from './hub-metrics';
import type { HubProcess } from './hub-process';
import { postPositionsSteadily, type PostingResult } from './poster';

/** Once posting stops, the stream has this long to bring every client up to date. */
const DRAIN_TIMEOUT_MS = 30_000;
const GROWTH_WINDOW_SECONDS = 30;

export interface SustainedPlan {
  hub: HubProcess;
  token: string;
  apiKey: string;
  forces: readonly Force[];
  points: readonly LngLat[];
  clients: number;
  eventsPerSecond: number;
  durationSeconds: number;
  /** Other processes sharing the machine and the hub while posting (a simulator, a catching-up core). */
  companions?: Companions;
}

export interface Companions {
  /** Their pids by name, for the CPU shares. */
  pids: Record<string, number>;
  /** Called as posting starts. */
  begin(): void;
}

export interface SustainedResult {
  posting: PostingResult;
  allDelivered: boolean;
  /** The benchmark's own positions each client received (the stream may carry other traffic too). */
  deliveredPerClient: { min: number; max: number };
  lostOrDuplicated: { gaps: number; outOfOrder: number; disconnects: number };
  latencyMs: LatencySummary;
  firstArrivalLatencyMs: LatencySummary;
  /** The hub's own measure of `at` to broadcast, cumulative by bucket. */
  hubIngestToBroadcast: BroadcastShare[];
  /** While posting: the hub, the client fleet, the poster, and everything else on the machine. */
  cpu: CpuShares;
  rss: {
    samples: RssSample[];
    /** The last 30 s, or the second half of a shorter run. */
    growthWindowSeconds: number;
    growth: number;
  };
}

function tallyTotals(clients: readonly ClientTally[]) {
  const received = clients.map((client) => client.posted);
  const sum = (field: 'gaps' | 'outOfOrder' | 'disconnects') =>
    clients.reduce((total, client) => total + client[field], 0);
  return {
    deliveredPerClient: { min: Math.min(...received), max: Math.max(...received) },
    lostOrDuplicated: { gaps: sum('gaps'), outOfOrder: sum('outOfOrder'), disconnects: sum('disconnects') },
  };
}

function rssGrowth(samples: readonly RssSample[], durationSeconds: number) {
  const growthWindowSeconds = Math.min(GROWTH_WINDOW_SECONDS, durationSeconds / 2);
  const end = samples.at(-1)?.t ?? 0;
  const window = samples.filter((sample) => sample.t >= end - growthWindowSeconds);
  return {
    growthWindowSeconds,
    growth: fittedGrowth(window.map((sample) => ({ t: sample.t, value: sample.mb }))),
  };
}

/**
 * A steady stream of force positions into the hub process while a fleet of prefecture-wide clients watches;
 * every client must receive every position, and the hub's memory must level off.
 */
export async function measureSustainedStream(
  plan: SustainedPlan,
  cleanup: Cleanup,
  progress: Progress,
): Promise<SustainedResult> {
  const fleet = await ClientFleet.start(
    { url: plan.hub.url, token: plan.token, clients: plan.clients },
    cleanup,
  );
  try {
    await fleet.subscribe(await headSeq(plan.hub.url));
    const histogramBefore = await readBroadcastHistogram(plan.hub.url);
    const rss = new RssSampler(plan.hub.pid);
    rss.start();
    const cpu = new CpuMeter({
      hub: plan.hub.pid,
      clients: fleet.pid,
      poster: process.pid,
      ...plan.companions?.pids,
    });
    plan.companions?.begin();
    const posting = await postPositionsSteadily({
      hubUrl: plan.hub.url,
      apiKey: plan.apiKey,
      forces: plan.forces,
      points: plan.points,
      eventsPerSecond: plan.eventsPerSecond,
      durationMs: plan.durationSeconds * 1000,
      onProgress: (elapsedMs, posted) =>
        progress.update(
          `${Math.round(elapsedMs / 1000)} of ${plan.durationSeconds} s · ` +
            `${posted.toLocaleString('en')} positions posted · hub RSS ${Math.round(rss.latestMb())} MB`,
        ),
    });
    const samples = rss.stop();
    const cpuShares = cpu.finish();
    const delivered = await fleet.awaitSeq(posting.lastSeq, DRAIN_TIMEOUT_MS);
    const totals = tallyTotals(delivered.clients);
    const hubIngestToBroadcast = broadcastShares(histogramBefore, await readBroadcastHistogram(plan.hub.url));
    return {
      posting,
      allDelivered:
        delivered.reached &&
        posting.failedRequests === 0 &&
        totals.deliveredPerClient.min === posting.posted &&
        totals.deliveredPerClient.max === posting.posted &&
        totals.lostOrDuplicated.gaps + totals.lostOrDuplicated.outOfOrder === 0,
      ...totals,
      latencyMs: delivered.latency,
      firstArrivalLatencyMs: delivered.firstArrivalLatency,
      hubIngestToBroadcast,
      cpu: cpuShares,
      rss: { samples, ...rssGrowth(samples, plan.durationSeconds) },
    };
  } finally {
    await fleet.close();
  }
}
