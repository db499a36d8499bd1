import { MAP_FEATURE_PAGE_SIZE } from '../../src/core/contract/api';
import type { ResultRow } from '../lib/benchmark';
import type { LivePanelsResult } from './live-panels';
import { READS, type Read } from './reads';
import { QUEUE_BENCH, QUEUE_TARGETS } from './settings';

/** What one size measured, as the rows need it. */
export interface SizeResult {
  incidents: number;
  medianMs: Record<Read | 'wholeList', number>;
  bytes: Record<Read | 'wholeList', number>;
  wholeListItems: number;
  livePanels: LivePanelsResult;
  cacheBytes: number;
}

const READ_LABELS: Record<Read, string> = {
  counts: 'counts.get (the stage and risk counts)',
  figures: 'figures.get, the whole prefecture',
  newOrder: `queue.window, a new order over the open queue, first ${QUEUE_BENCH.block} rows`,
  scroll: `queue.window, the next block while scrolling (offset ${QUEUE_BENCH.scrollOffset}, same order)`,
  textSearch: `queue.window, a text search ('${QUEUE_BENCH.searchText}') over the open queue, first ${QUEUE_BENCH.block} rows`,
  riskFilter: `queue.window, a risk filter over the open queue, first ${QUEUE_BENCH.block} rows`,
  mapIncidents: "map.features { kind: 'incident' } (every open incident in one answer)",
  mapFirstFrame: `map.incidentCells, the wall's first frame: clusters of the whole prefecture at zoom ${QUEUE_BENCH.firstFrame.zoom}`,
  mapPage: `map.features, one page of the wall's incident load (${MAP_FEATURE_PAGE_SIZE.toLocaleString('en')} incidents)`,
};

const count = (n: number) => n.toLocaleString('en');
const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const size = (bytes: number) =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** The per-size rows: the baseline, each read as ms and as a ratio to it, the live panels, memory. */
export function sizeRows(result: SizeResult): ResultRow[] {
  const at = `${count(result.incidents)}:`;
  const baseline = result.medianMs.wholeList;
  const capped =
    result.wholeListItems < result.incidents ? ` (${count(result.wholeListItems)}: the call's cap)` : '';
  const rows: ResultRow[] = [
    {
      measurement: `${at} whole list via incidents.list in one answer${capped} (baseline)`,
      value: `${ms(baseline)}, ${size(result.bytes.wholeList)}`,
    },
  ];
  for (const read of READS) {
    const ratio = result.medianMs[read] / baseline;
    const goal =
      read === 'newOrder'
        ? QUEUE_TARGETS.freshWindowRatio
        : read === 'scroll'
          ? QUEUE_TARGETS.scrollBlockRatio
          : undefined;
    rows.push({
      measurement: `${at} ${READ_LABELS[read]}`,
      value: `${ms(result.medianMs[read])}, ${size(result.bytes[read])}; ${ratio.toFixed(4)}× the whole list`,
      ...(goal === undefined ? {} : { target: { goal: `≤ ${goal}× the whole list`, pass: ratio <= goal } }),
    });
  }
  const live = result.livePanels;
  rows.push(
    {
      measurement:
        `${at} core worker busy with the live panels (figures every 2 s, counts and the queue every 1 s, ` +
        `${QUEUE_BENCH.livePanelsSeconds} s): the worker's event-loop utilisation`,
      value:
        `${percent(live.busy)} (sum of round trips ÷ wall time: ${percent(live.roundTripShare)}; ` +
        `the worker with no calls, ${QUEUE_BENCH.quietSeconds} s before: ${percent(live.busyWithoutCalls)})`,
    },
    {
      measurement: `${at} memory: process RSS (the core worker shares this process) and the core worker's own V8 heap; after a full collection in the worker`,
      value:
        `RSS ${size(live.processRssBytes)}, worker heap ${size(live.workerHeapBytes)}; after: RSS ` +
        `${size(live.processRssAfterGcBytes)}, heap ${size(live.retainedWorkerHeapBytes)}; cache file ${size(result.cacheBytes)}`,
    },
  );
  return rows;
}

/** ln(t2/t1) / ln(n2/n1): 0 when a read costs the same at any size, 1 when it grows with the incidents. */
export function slope(first: number, last: number, firstSize: number, lastSize: number): number {
  return Math.log(last / first) / Math.log(lastSize / firstSize);
}

/** Across the sizes: each read's slope, and the targets at the largest size. */
export function acrossSizeRows(results: readonly SizeResult[]): ResultRow[] {
  const first = results[0]!;
  const last = results.at(-1)!;
  const rows: ResultRow[] = [];
  if (results.length > 1) {
    const span = `${count(first.incidents)} → ${count(last.incidents)}`;
    for (const read of READS) {
      const value = slope(first.medianMs[read], last.medianMs[read], first.incidents, last.incidents);
      rows.push({
        measurement: `Slope (log-log, ${span}): ${READ_LABELS[read]}`,
        value: value.toFixed(3),
        target: { goal: `≤ ${QUEUE_TARGETS.slope}`, pass: value <= QUEUE_TARGETS.slope },
      });
    }
  }
  // Against the incidents it answered with, which its cap can hold below the size.
  if (last.wholeListItems > first.wholeListItems) {
    const items = `${count(first.wholeListItems)} → ${count(last.wholeListItems)}`;
    rows.push({
      measurement: `Slope (log-log, ${items} incidents in the answer): the whole list (baseline, for reference)`,
      value: slope(
        first.medianMs.wholeList,
        last.medianMs.wholeList,
        first.wholeListItems,
        last.wholeListItems,
      ).toFixed(3),
    });
  }
  const at = `At ${count(last.incidents)}:`;
  const under = (read: Read, limit: number) => ({
    measurement: `${at} ${READ_LABELS[read]}`,
    value: ms(last.medianMs[read]),
    target: { goal: `≤ ${limit} ms`, pass: last.medianMs[read] <= limit },
  });
  rows.push(
    under('counts', QUEUE_TARGETS.livePanelMs),
    under('figures', QUEUE_TARGETS.livePanelMs),
    under('newOrder', QUEUE_TARGETS.newOrderMs),
    under('textSearch', QUEUE_TARGETS.newOrderMs),
    under('riskFilter', QUEUE_TARGETS.newOrderMs),
    under('scroll', QUEUE_TARGETS.scrollBlockMs),
    under('mapFirstFrame', QUEUE_TARGETS.firstFrameMs),
    {
      measurement: `${at} process RSS after a full collection in the core worker (the benchmark's own heap included)`,
      value: size(last.livePanels.processRssAfterGcBytes),
      target: {
        goal: `≤ ${size(QUEUE_TARGETS.rssBytes)}`,
        pass: last.livePanels.processRssAfterGcBytes <= QUEUE_TARGETS.rssBytes,
      },
    },
    {
      measurement: `${at} core worker busy with the live panels (event-loop utilisation)`,
      value: percent(last.livePanels.busy),
      target: {
        goal: `< ${percent(QUEUE_TARGETS.coreBusy)}`,
        pass: last.livePanels.busy < QUEUE_TARGETS.coreBusy,
      },
    },
  );
  return rows;
}
