import { QUEUE_RISKS, QUEUE_SORTS, type QueueSort } from '../../src/core/contract/queue';
import { MAP_FEATURE_PAGE_SIZE } from '../../src/core/contract/api';
import type { CoreClient } from '../../src/core/worker/core-client';
import { TIMED_STAGES } from '../../src/domain';
import type { Progress } from '../lib/progress';
import { median } from '../lib/stats';
import { jsonBytes, timedCall } from './core-calls';
import { QUEUE_BENCH } from './settings';

/** The reads measured at each size, in the order a round makes them. */
export const READS = [
  'counts',
  'figures',
  'newOrder',
  'scroll',
  'textSearch',
  'riskFilter',
  'mapIncidents',
  'mapFirstFrame',
  'mapPage',
] as const;
export type Read = (typeof READS)[number];

export interface ReadSamples {
  /** Every round's time in ms, per read; the baseline's are fewer. */
  ms: Record<Read | 'wholeList', number[]>;
  /** The size of each read's last answer as JSON, bytes. */
  bytes: Record<Read | 'wholeList', number>;
  /** How many incidents the baseline's answer held (its contract caps it). */
  wholeListItems: number;
}

const OPEN = { stages: [...TIMED_STAGES] };

function window(sort: QueueSort, filter: Record<string, unknown>, offset = 0) {
  return { filter, sort, offset, limit: QUEUE_BENCH.block };
}

/**
 * One round of the live reads. Each queue read asks for an order or filter the one before it did not, so the
 * core filters and sorts the whole queue again; the scroll block follows the new order in the same order.
 */
async function round(core: CoreClient, index: number, into: ReadSamples): Promise<void> {
  const sort = (shift: number) => QUEUE_SORTS[(index + shift) % QUEUE_SORTS.length]!;
  const reads: [Read, string, unknown][] = [
    ['counts', 'counts.get', {}],
    ['figures', 'figures.get', {}],
    ['newOrder', 'queue.window', window(sort(0), OPEN)],
    ['scroll', 'queue.window', window(sort(0), OPEN, QUEUE_BENCH.scrollOffset)],
    ['textSearch', 'queue.window', window(sort(1), { ...OPEN, text: QUEUE_BENCH.searchText })],
    [
      'riskFilter',
      'queue.window',
      window(sort(2), { ...OPEN, risks: [QUEUE_RISKS[index % QUEUE_RISKS.length]!] }),
    ],
    ['mapIncidents', 'map.features', { kind: 'incident' }],
    ['mapFirstFrame', 'map.incidentCells', QUEUE_BENCH.firstFrame],
    ['mapPage', 'map.features', { kind: 'incident', page: { after: 0, limit: MAP_FEATURE_PAGE_SIZE } }],
  ];
  for (const [read, method, input] of reads) {
    const answer = await timedCall<unknown>(core, method, input);
    into.ms[read].push(answer.ms);
    into.bytes[read] = jsonBytes(answer.value);
  }
}

function emptySamples(): ReadSamples {
  const names = [...READS, 'wholeList'] as const;
  return {
    ms: Object.fromEntries(names.map((name) => [name, []])) as unknown as ReadSamples['ms'],
    bytes: Object.fromEntries(names.map((name) => [name, 0])) as unknown as ReadSamples['bytes'],
    wholeListItems: 0,
  };
}

/** The whole list in one answer, as a list without windows would need it: the baseline every read is held to. */
async function wholeList(core: CoreClient, incidents: number, into: ReadSamples): Promise<void> {
  const limit = Math.min(incidents, QUEUE_BENCH.listLimit);
  const answer = await timedCall<{ items: unknown[] }>(core, 'incidents.list', { limit });
  into.ms.wholeList.push(answer.ms);
  into.bytes.wholeList = jsonBytes(answer.value);
  into.wholeListItems = answer.value.items.length;
}

/** The live reads over `QUEUE_BENCH.rounds` rounds after one unmeasured, with the baseline in some of them. */
export async function measureReads(
  core: CoreClient,
  incidents: number,
  progress: Progress,
): Promise<ReadSamples> {
  const samples = emptySamples();
  await round(core, QUEUE_SORTS.length - 1, emptySamples());
  for (let index = 0; index < QUEUE_BENCH.rounds; index += 1) {
    progress.update(`round ${index + 1} of ${QUEUE_BENCH.rounds}`);
    if (index < QUEUE_BENCH.baselineRounds) await wholeList(core, incidents, samples);
    await round(core, index, samples);
  }
  return samples;
}

export function medians(samples: ReadSamples): Record<Read | 'wholeList', number> {
  return Object.fromEntries(
    Object.entries(samples.ms).map(([name, values]) => [name, median(values)]),
  ) as Record<Read | 'wholeList', number>;
}
