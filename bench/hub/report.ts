import { cpus } from 'node:os';
import type { BenchmarkOutcome, ResultRow } from '../lib/benchmark';
import type { SharedResult } from './companions/companions';
import type { ReplayResult } from './replay';
import type { Delivery } from './saturation/protocol';
import type { SaturationResult } from './saturation/saturation';
import { HUB_BENCH, HUB_TARGETS } from './settings';
import type { SustainedResult } from './sustained';

const count = (n: number) => Math.round(n).toLocaleString('en');
const rate = (n: number) => `${count(n)}/s`;
const percent = (fraction: number) => `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} %`;

function rssOverTime(sustained: SustainedResult): string {
  const { samples } = sustained.rss;
  const end = samples.at(-1)?.t ?? 0;
  const marks = [0, 0.25, 0.5, 0.75, 1].map((share) =>
    samples.find((sample) => sample.t >= share * end - 0.5),
  );
  return marks
    .filter((sample) => sample !== undefined)
    .map((sample) => `${Math.round(sample.mb)} MB @ ${Math.round(sample.t)} s`)
    .join(' → ');
}

function sustainedRows(sustained: SustainedResult, durationSeconds: number, prefix: string): ResultRow[] {
  const { posting, latencyMs, deliveredPerClient, lostOrDuplicated } = sustained;
  return [
    {
      measurement: `${prefix} positions posted (${count(HUB_BENCH.eventsPerSecond)}/s for ${durationSeconds} s, ${posting.requests} POSTs)`,
      value: `${count(posting.posted)} (${rate(posting.posted / posting.seconds)}; ${posting.failedRequests} failed)`,
    },
    {
      measurement: `${prefix} positions delivered per client (${HUB_BENCH.clients} clients)`,
      value:
        `${count(deliveredPerClient.min)}–${count(deliveredPerClient.max)}; ` +
        `${lostOrDuplicated.gaps} gaps, ${lostOrDuplicated.outOfOrder} out of order, ${lostOrDuplicated.disconnects} disconnects`,
      target: { goal: 'every client gets every event', pass: sustained.allDelivered },
    },
    {
      measurement: `${prefix} ingest→client latency p50 / p95 / max`,
      value: `${latencyMs.p50} / ${latencyMs.p95} / ${latencyMs.max} ms (${count(latencyMs.count)} deliveries)`,
    },
    {
      measurement: `${prefix} ingest→client latency p99`,
      value: `${latencyMs.p99} ms`,
      target: { goal: `≤ ${HUB_TARGETS.p99LatencyMs} ms`, pass: latencyMs.p99 <= HUB_TARGETS.p99LatencyMs },
    },
    {
      measurement: `${prefix} the same at the first client to receive each batch, p50 / p99`,
      value: `${sustained.firstArrivalLatencyMs.p50} / ${sustained.firstArrivalLatencyMs.p99} ms`,
    },
    {
      measurement: `${prefix} the hub's own ingest→broadcast histogram (share within)`,
      value: sustained.hubIngestToBroadcast
        .filter((bucket) => bucket.withinMs >= 25 && bucket.withinMs <= 250)
        .map((bucket) => `${bucket.withinMs} ms ${(bucket.share * 100).toFixed(1)} %`)
        .join(', '),
    },
    {
      measurement: `${prefix} CPU in cores while posting (of ${cpus().length})`,
      value:
        Object.entries(sustained.cpu.processes)
          .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
          .join(', ') + `; other processes on the machine ${sustained.cpu.others.toFixed(2)}`,
    },
    {
      measurement: `${prefix} POST round trip p50 / p99`,
      value: `${Math.round(posting.roundTripMs.p50)} / ${Math.round(posting.roundTripMs.p99)} ms`,
    },
    { measurement: `${prefix} hub RSS over time`, value: rssOverTime(sustained) },
    {
      measurement: `${prefix} hub RSS growth over the last ${sustained.rss.growthWindowSeconds} s (fitted)`,
      value: percent(sustained.rss.growth),
      target: {
        goal: `≤ ${HUB_TARGETS.rssGrowth * 100} %`,
        pass: sustained.rss.growth <= HUB_TARGETS.rssGrowth,
      },
    },
  ];
}

function saturationRows(saturation: SaturationResult): ResultRow[] {
  const prefix = `Saturation (${count(HUB_BENCH.saturationEvents)} events × ${HUB_BENCH.clients} clients):`;
  const runsOf = (delivery: Delivery) => {
    const runs = saturation.runs.filter((run) => run.delivery === delivery);
    const seconds = runs.map((run) => `${run.seconds.toFixed(2)} s`).join(', ');
    const serverCpu = runs.map((run) => `${(run.cpu.processes.server! * run.seconds).toFixed(1)}`).join(', ');
    return `runs ${seconds}; server CPU-seconds ${serverCpu}`;
  };
  return [
    {
      measurement: `${prefix} batched, LiveBroadcaster (one message per room per 50 ms)`,
      value: `${rate(saturation.medianDeliveriesPerSecond.batched)} deliveries (${runsOf('batched')})`,
    },
    {
      measurement: `${prefix} naive (one socket.emit per event per client)`,
      value: `${rate(saturation.medianDeliveriesPerSecond.naive)} deliveries (${runsOf('naive')})`,
    },
    {
      measurement: `${prefix} every client got every event, both deliveries`,
      value: saturation.allDelivered ? 'yes' : 'no',
      target: { goal: 'every client gets every event', pass: saturation.allDelivered },
    },
    {
      measurement: `${prefix} batched ÷ naive deliveries/s (medians of ${HUB_BENCH.saturationRounds} alternating rounds)`,
      value: `${saturation.speedup.toFixed(1)}×`,
      target: {
        goal: `≥ ${HUB_TARGETS.batchedSpeedup}×`,
        pass: saturation.speedup >= HUB_TARGETS.batchedSpeedup,
      },
    },
  ];
}

function replayRows(replay: ReplayResult): ResultRow[] {
  const seconds = replay.runs.map((run) => `${run.seconds.toFixed(2)} s`).join(', ');
  return [
    {
      measurement: `Replay: ${count(replay.events)} events to a reconnecting client (median of ${replay.runs.length})`,
      value: `${rate(replay.medianEventsPerSecond)} (runs: ${seconds})`,
      target: {
        goal: `≥ ${rate(HUB_TARGETS.replayEventsPerSecond)}`,
        pass: replay.medianEventsPerSecond >= HUB_TARGETS.replayEventsPerSecond,
      },
    },
  ];
}

function sharedRows({ sustained, catchUp }: SharedResult, durationSeconds: number): ResultRow[] {
  const prefix = 'Sharing the machine:';
  return [
    ...sustainedRows(sustained, durationSeconds, prefix),
    {
      measurement: `${prefix} the desktop core's catch-up of the hub's log, from an empty cache, meanwhile`,
      value: `${count(catchUp.events)} events in ${catchUp.seconds.toFixed(1)} s`,
    },
  ];
}

export function hubOutcome(
  durationSeconds: number,
  sustained: SustainedResult,
  shared: SharedResult,
  saturation: SaturationResult,
  replay: ReplayResult,
): BenchmarkOutcome {
  return {
    settings: { ...HUB_BENCH, durationSeconds, targets: HUB_TARGETS },
    measurements: { sustained, shared, saturation, replay },
    rows: [
      ...sustainedRows(sustained, durationSeconds, 'Sustained stream:'),
      ...sharedRows(shared, durationSeconds),
      ...saturationRows(saturation),
      ...replayRows(replay),
    ],
  };
}
