import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LocalCache } from '../../src/core/cache/local-cache';
import { startCoreWorker, type CoreClient } from '../../src/core/worker/core-client';
import {
  INCIDENT_CATEGORIES,
  RISK_LEVELS,
  TIMED_STAGES,
  addMinutes,
  openIncident,
  type HubEvent,
  type HubEventDraft,
} from '../../src/domain';
import { QUEUE_SORTS } from '../../src/core/contract/queue';
import type { Benchmark } from '../lib/benchmark';
import { pointsInDali, villageCodes } from '../hub/dali';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';

/** What the queue benchmark measures, and the targets it is held to. */
export const QUEUE_BENCH = {
  incidents: 50_000,
  /** Rows the list asks the core for at a time. */
  block: 100,
  rounds: 15,
} as const;

export const QUEUE_TARGETS = {
  /** A new filter or order (the whole queue filtered and sorted again), against shipping the whole list once. */
  freshWindowRatio: 0.25,
  /** The next block while scrolling (the sorted result is kept), against the whole list. */
  scrollBlockRatio: 0.02,
} as const;

/** A cache holding `count` incidents across Dali, a third of them graded, as a busy month leaves it. */
function fillCache(file: string, count: number): void {
  // Positions in Dali city; jurisdictions spread over the prefecture's villages, as the queue's scope sees them.
  const positions = pointsInDali(2_000);
  const villages = villageCodes();
  const start = '2026-10-27T00:00:00.000Z';
  const drafts: HubEventDraft[] = [];
  for (let n = 0; n < count; n += 1) {
    const place = {
      location: positions[n % positions.length]!,
      jurisdictionCode: villages[n % villages.length]!,
    };
    const at = addMinutes(start, n);
    const { incident, events } = openIncident(
      {
        id: `bench-${n}`,
        kind: n % 3 === 0 ? 'case' : 'dispute',
        category: INCIDENT_CATEGORIES[n % INCIDENT_CATEGORIES.length]!,
        title: `邻里纠纷 ${n}`,
        description: '村民反映相邻宅基地边界不清，双方多次争执',
        jurisdictionCode: place.jurisdictionCode,
        location: place.location,
        address: `${place.jurisdictionCode} 号`,
        reporter: { name: '张某', phone: '13800000000' },
        source: 'grid-worker',
        monitoringPointId: null,
      },
      at,
    );
    drafts.push(...events);
    if (n % 3 === 0) {
      const riskLevel = RISK_LEVELS[n % RISK_LEVELS.length]!;
      const assessed = {
        ...incident,
        stage: 'assess' as const,
        riskLevel,
        version: 2,
        stageEnteredAt: { ...incident.stageEnteredAt, assess: at },
      };
      drafts.push({
        type: 'incident.assessed',
        jurisdiction: incident.jurisdictionCode,
        at,
        payload: { incident: assessed, by: 'bench', riskLevel },
      });
    }
  }
  const cache = new LocalCache(file);
  const events = drafts.map((draft, index) => ({ ...draft, seq: index + 1, id: randomUUID() }) as HubEvent);
  for (let from = 0; from < events.length; from += 5_000) {
    const batch = events.slice(from, from + 5_000);
    cache.apply({ after: from, through: batch.at(-1)!.seq, events: batch });
  }
  cache.close();
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

async function call<T>(
  core: CoreClient,
  method: Parameters<CoreClient['call']>[0],
  input: unknown,
): Promise<T> {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(result.error.message ?? result.error.code);
  return result.value as T;
}

export const queueBenchmark: Benchmark = {
  name: 'queue',
  summary:
    'the workspace queue over 50,000 incidents: a window of rows vs the whole list, through the core API',
  async run(_args, { progress, cleanup }) {
    const dir = makeTempDir('pingan-bench-queue-', cleanup);
    const file = join(dir, 'cache.db');
    progress.phase(`Filling a cache with ${QUEUE_BENCH.incidents.toLocaleString('en')} incidents`);
    fillCache(file, QUEUE_BENCH.incidents);
    const core = await startCoreWorker({ cacheFile: file, regionId: 'dali' });
    cleanup.add(() => void core.close());

    const whole: number[] = [];
    const fresh: number[] = [];
    const scroll: number[] = [];
    let wholeBytes = 0;
    let blockBytes = 0;
    for (let round = 0; round < QUEUE_BENCH.rounds; round += 1) {
      progress.update(`round ${round + 1} of ${QUEUE_BENCH.rounds}`);
      // Baseline: what a list without windows needs, every incident in one answer.
      const list = await timed(() => call<unknown>(core, 'incidents.list', { limit: QUEUE_BENCH.incidents }));
      whole.push(list.ms);
      wholeBytes = JSON.stringify(list.value).length;
      // Each round another order over the whole open queue, so the core filters and sorts all 50,000 again.
      const filter = { stages: [...TIMED_STAGES] };
      const sort = QUEUE_SORTS[round % QUEUE_SORTS.length]!;
      fresh.push(
        (await timed(() => call(core, 'queue.window', { filter, sort, offset: 0, limit: QUEUE_BENCH.block })))
          .ms,
      );
      const page = await timed(() =>
        call<unknown>(core, 'queue.window', {
          filter,
          sort,
          offset: QUEUE_BENCH.block * 5,
          limit: QUEUE_BENCH.block,
        }),
      );
      scroll.push(page.ms);
      blockBytes = JSON.stringify(page.value).length;
    }
    await core.close();

    const wholeMs = median(whole);
    const freshMs = median(fresh);
    const scrollMs = median(scroll);
    const freshRatio = freshMs / wholeMs;
    const scrollRatio = scrollMs / wholeMs;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    return {
      settings: { ...QUEUE_BENCH },
      measurements: { wholeMs: whole, freshMs: fresh, scrollMs: scroll, wholeBytes, blockBytes },
      rows: [
        {
          measurement: `Whole list, ${QUEUE_BENCH.incidents.toLocaleString('en')} incidents in one answer (baseline)`,
          value: `${ms(wholeMs)}, ${(wholeBytes / 1e6).toFixed(1)} MB`,
        },
        {
          measurement: `A new order over the whole open queue: filter and sort all, first ${QUEUE_BENCH.block} rows`,
          value: ms(freshMs),
        },
        {
          measurement: 'New order ÷ whole list',
          value: `${freshRatio.toFixed(3)}×`,
          target: {
            goal: `≤ ${QUEUE_TARGETS.freshWindowRatio}×`,
            pass: freshRatio <= QUEUE_TARGETS.freshWindowRatio,
          },
        },
        {
          measurement: `The next ${QUEUE_BENCH.block} rows while scrolling`,
          value: `${ms(scrollMs)}, ${(blockBytes / 1e3).toFixed(0)} kB`,
        },
        {
          measurement: 'Scroll block ÷ whole list',
          value: `${scrollRatio.toFixed(4)}×`,
          target: {
            goal: `≤ ${QUEUE_TARGETS.scrollBlockRatio}×`,
            pass: scrollRatio <= QUEUE_TARGETS.scrollBlockRatio,
          },
        },
      ],
    };
  },
};
