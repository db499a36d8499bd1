import { rmSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { cacheKeyFile } from '../../src/core/cache/cache-key';
import type { Figures } from '../../src/core/contract/figures';
import { startCoreWorker } from '../../src/core/worker/core-client';
import type { Benchmark, BenchmarkContext } from '../lib/benchmark';
import { incidentDataset } from '../lib/incident-dataset';
import { REPO_ROOT } from '../lib/paths';
import { makeTempDir } from '../lib/temp-dir';
import { call } from './core-calls';
import { runLivePanels } from './live-panels';
import { parseQueueOptions } from './options';
import { measureReads, medians } from './reads';
import { acrossSizeRows, sizeRows, type SizeResult } from './report';
import { QUEUE_BENCH, QUEUE_TARGETS } from './settings';
import { METERED_WORKER_ENTRY, WorkerMeter } from './worker-meter';

/** What the figures say about the cache, so a reader can see the data the reads ran on. */
function datasetFacts(figures: Figures) {
  return {
    open: figures.open.total,
    arrivedToday: figures.arrivals.today.reduce((sum, n) => sum + n, 0),
    overdue: figures.overdue,
    followUps: figures.satisfaction.counts,
  };
}

/** Everything at one size: its cache, a core worker on a copy of it, the reads, the live panels. */
async function measureSize(incidents: number, runDir: string, { progress, cleanup }: BenchmarkContext) {
  progress.phase(`${incidents.toLocaleString('en')} incidents: the cache`);
  const dataset = incidentDataset(incidents, { runDir, progress, cleanup });
  const core = await startCoreWorker({ cacheFile: dataset.file, regionId: 'dali' }, METERED_WORKER_ENTRY);
  let closed = false;
  cleanup.add(() => {
    if (!closed) void core.close();
  });
  const meter = new WorkerMeter(core);
  const facts = datasetFacts(await call<Figures>(core, 'figures.get', {}));

  progress.phase(`${incidents.toLocaleString('en')} incidents: the reads, ${QUEUE_BENCH.rounds} rounds`);
  const samples = await measureReads(core, incidents, progress);
  progress.phase(`${incidents.toLocaleString('en')} incidents: the live panels`);
  const livePanels = await runLivePanels(core, meter);
  const mainHeapBytes = process.memoryUsage().heapUsed;
  await core.close();
  closed = true;
  const cacheBytes = statSync(dataset.file).size;
  // The next size's copy need not sit beside this one's: at a million incidents each is gigabytes.
  for (const file of [
    dataset.file,
    cacheKeyFile(dataset.file),
    `${dataset.file}-wal`,
    `${dataset.file}-shm`,
  ]) {
    rmSync(file, { force: true });
  }

  const result: SizeResult = {
    incidents,
    medianMs: medians(samples),
    bytes: samples.bytes,
    wholeListItems: samples.wholeListItems,
    livePanels,
    cacheBytes,
  };
  const measurements = {
    dataset: {
      ...facts,
      keptFile: relative(REPO_ROOT, dataset.keptFile),
      generated: dataset.generated,
      generateSeconds: dataset.generateSeconds,
    },
    ms: samples.ms,
    bytes: samples.bytes,
    wholeListItems: samples.wholeListItems,
    livePanels,
    mainThreadHeapBytes: mainHeapBytes,
  };
  return { result, measurements };
}

export const queueBenchmark: Benchmark = {
  name: 'queue',
  summary:
    'the workspace queue and live panels at several numbers of incidents (--incidents 10000,50000,200000), through the core API',
  async run(args, context) {
    const { sizes } = parseQueueOptions(args);
    const runDir = makeTempDir('pingan-bench-queue-', context.cleanup);
    const results: SizeResult[] = [];
    const bySize: Record<string, unknown> = {};
    for (const incidents of sizes) {
      const { result, measurements } = await measureSize(incidents, runDir, context);
      results.push(result);
      bySize[incidents] = measurements;
    }
    return {
      settings: { sizes, ...QUEUE_BENCH, targets: QUEUE_TARGETS },
      measurements: { bySize },
      rows: [...results.flatMap(sizeRows), ...acrossSizeRows(results)],
    };
  },
};
