import type { ResultRow } from '../lib/benchmark';
import type { GroupCpu } from './process-cpu';
import { median } from '../lib/stats';
import type { FirstFrameRound, LatencyResult, SteadyState } from './measure';
import { VIDEO_TARGETS } from './settings';

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
const pct = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} %`;
const spread = (values: readonly number[]) => `${ms(median(values))} / ${ms(percentile(values, 0.9))}`;

export interface FirstFrameResults {
  product: FirstFrameRound[];
  bare: FirstFrameRound[];
}

export interface LatencyPair {
  product: LatencyResult;
  bare: LatencyResult;
}

export interface SizeResult {
  streams: number;
  product: SteadyState;
  bare: SteadyState;
  latency: LatencyPair;
}

const medianOf = (rounds: readonly FirstFrameRound[], pick: (round: FirstFrameRound) => number | null) =>
  median(rounds.map(pick).filter((value): value is number => value !== null));

export function firstFrameRows({ product, bare }: FirstFrameResults): ResultRow[] {
  const productTimes = product.map((round) => round.firstFrameMs);
  const bareTimes = bare.map((round) => round.firstFrameMs);
  const productMedian = median(productTimes);
  const runs = (times: number[]) => times.map((time) => Math.round(time)).join(', ');
  return [
    {
      measurement: `Click to first frame, product: a camera clicked on the map → its card's first decoded frame (median / p90 of ${product.length})`,
      value: `${spread(productTimes)} (runs: ${runs(productTimes)} ms)`,
      target: {
        goal: `≤ ${VIDEO_TARGETS.clickToFirstFrameMs} ms (median)`,
        pass: productMedian <= VIDEO_TARGETS.clickToFirstFrameMs,
      },
    },
    {
      measurement: `Fresh open to first frame, bare mpegts.js page: the same cameras, opened at the gateway and played (baseline; median / p90 of ${bare.length})`,
      value: `${spread(bareTimes)} (runs: ${runs(bareTimes)} ms)`,
    },
    {
      measurement: 'Click to first frame: product ÷ bare (medians)',
      value: ratio(productMedian, median(bareTimes)),
    },
    {
      measurement:
        "Product, where the time goes (medians, ms from the click): detail panel shown → video.source asked, answered (a cache lookup in the core; the card waits for it) → video.open asked, answered (the hub opens the stream at the gateway) → the player's WebSocket made → first media received → first frame",
      value:
        `${ms(medianOf(product, (r) => r.panelMs))} → ` +
        `${ms(medianOf(product, (r) => r.sourceCallMs?.[0] ?? null))}, ` +
        `${ms(medianOf(product, (r) => r.sourceCallMs?.[1] ?? null))} → ` +
        `${ms(medianOf(product, (r) => r.openCallMs?.[0] ?? null))}, ` +
        `${ms(medianOf(product, (r) => r.openCallMs?.[1] ?? null))} → ` +
        `${ms(medianOf(product, (r) => r.socketMs))} → ` +
        `${ms(medianOf(product, (r) => r.firstMessageMs))} → ${ms(productMedian)}; the media server starting ` +
        `the camera (gateway open, inside video.open) took ${ms(medianOf(product, (r) => r.gatewayOpenMs))}`,
    },
    {
      measurement:
        "Bare page, where the time goes (medians, from the start): the player's WebSocket made (gateway opened) → first media received → first frame",
      value:
        `${ms(medianOf(bare, (r) => r.socketMs))} → ${ms(medianOf(bare, (r) => r.firstMessageMs))} → ` +
        `${ms(median(bareTimes))}; the gateway open took ${ms(medianOf(bare, (r) => r.gatewayOpenMs))}`,
    },
  ];
}

function latencyValue(result: LatencyResult): string {
  if (result.latencies.length === 0) return `no frame read (${result.rejected.length} rejected)`;
  const rejected = result.rejected.length > 0 ? `, ${result.rejected.length} rejected` : '';
  return (
    `${spread(result.latencies)} (${result.latencies.length} frames${rejected}; ` +
    `player buffer ${ms(median(result.bufferedAheadMs))} of it)`
  );
}

const latencyRatio = ({ product, bare }: LatencyPair) =>
  product.latencies.length > 0 && bare.latencies.length > 0
    ? ratio(median(product.latencies), median(bare.latencies))
    : 'n/a';

export function latencyRows(pair: LatencyPair, readerCheck: { frames: number; right: number }): ResultRow[] {
  return [
    {
      measurement:
        "Glass-to-glass, one stream: product's camera card, screen time − the camera's burnt-in clock (median / p90)",
      value: latencyValue(pair.product),
    },
    {
      measurement: 'Glass-to-glass, one stream: bare mpegts.js page (baseline; median / p90)',
      value: latencyValue(pair.bare),
    },
    { measurement: 'Glass-to-glass, one stream: product ÷ bare (medians)', value: latencyRatio(pair) },
    {
      measurement:
        "Clock reader checked on the camera's own encoding (x264 at its settings, every digit changing)",
      value: `${readerCheck.right} of ${readerCheck.frames} frames read right`,
      target: {
        goal: 'every frame',
        pass: readerCheck.right === readerCheck.frames && readerCheck.frames > 0,
      },
    },
  ];
}

const share = (state: SteadyState) => (state.frames > 0 ? (100 * state.dropped) / state.frames : 0);
const perStream = (state: SteadyState) => state.frames / state.seconds / Math.max(1, state.streams);

export function idleRow(idle: GroupCpu): ResultRow {
  return {
    measurement: `No video open: Chromium CPU over ${Math.round(idle.seconds)} s, % of one core: product page (its map and panels) vs bare page`,
    value: `${pct(idle.cores.product! * 100)} vs ${pct(idle.cores.bare! * 100)}; rest of the machine ${pct(Math.max(0, idle.others) * 100)}`,
  };
}

export function sizeRows(result: SizeResult, idle: GroupCpu): ResultRow[] {
  const { streams, product, bare, latency } = result;
  const at = `${streams} stream${streams === 1 ? '' : 's'}:`;
  const productCpu = product.cpu.cores.product! * 100;
  const bareCpu = bare.cpu.cores.bare! * 100;
  const side = (state: SteadyState, other: 'product' | 'bare') =>
    `cameras ${pct(state.cpu.cores.cameras! * 100)}, benchmark process ${pct(state.cpu.cores.bench! * 100)}, ` +
    `idle ${other} browser ${pct(state.cpu.cores[other]! * 100)}, rest of the machine ${pct(Math.max(0, state.cpu.others) * 100)}`;
  return [
    {
      measurement: `${at} Chromium CPU over ${Math.round(product.cpu.seconds)} s (every browser process), % of one core: product's video wall vs bare page`,
      value:
        `${pct(productCpu)} vs ${pct(bareCpu)} (${ratio(productCpu, bareCpu)}); above each page's idle: ` +
        `${pct(productCpu - idle.cores.product! * 100)} vs ${pct(bareCpu - idle.cores.bare! * 100)}`,
    },
    {
      measurement: `${at} dropped frames (getVideoPlaybackQuality), product vs bare`,
      value:
        `${pct(share(product))} (${product.dropped} of ${product.frames}) vs ` +
        `${pct(share(bare))} (${bare.dropped} of ${bare.frames})`,
    },
    {
      measurement: `${at} frames decoded per stream per second (the camera sends 25), product vs bare`,
      value: `${perStream(product).toFixed(1)} vs ${perStream(bare).toFixed(1)}`,
    },
    {
      measurement: `${at} glass-to-glass median / p90, product vs bare`,
      value: `${latencyValue(latency.product)} vs ${latencyValue(latency.bare)}; ${latencyRatio(latency)}`,
    },
    {
      measurement: `${at} the page itself, product vs bare: animation frames/s, main thread in long tasks, time to answer a script call after the window`,
      value:
        `${product.page.framesPerSecond.toFixed(0)} vs ${bare.page.framesPerSecond.toFixed(0)} fps; ` +
        `${pct(product.page.longTaskShare * 100)} vs ${pct(bare.page.longTaskShare * 100)}; ` +
        `${product.answerSeconds.toFixed(1)} vs ${bare.answerSeconds.toFixed(1)} s`,
    },
    {
      measurement: `${at} the rest, % of one core, in the product's window | the bare page's`,
      value: `${side(product, 'bare')} | ${side(bare, 'product')}`,
    },
  ];
}
