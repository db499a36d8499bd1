import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LocalCache } from '../../src/core/cache/local-cache';
import { UsageError, type Benchmark, type ResultRow } from '../lib/benchmark';
import { forkTypeScript, stopChild } from '../lib/children';
import type { Cleanup } from '../lib/cleanup';
import { incidentDataset } from '../lib/incident-dataset';
import type { Progress } from '../lib/progress';
import { fittedGrowth } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import type { MemorySample, SoakChildConfig, SoakMessage } from './protocol';

const CHILD = fileURLToPath(new URL('./soak-core.ts', import.meta.url));

export const SOAK_BENCH = {
  incidents: 1_000_000,
  minutes: 30,
  updatesPerSecond: 10,
  sampleSeconds: 10,
  /** The baseline: the same core and updates on an empty cache, for this long. */
  baselineSeconds: 60,
} as const;

export const SOAK_TARGETS = {
  /** The core's process at its largest over the soak. */
  rssBytes: 1e9,
  /** Fitted growth of the RSS over the soak's second half. */
  growth: 0.05,
} as const;

interface SoakRun {
  samples: MemorySample[];
  updates: number;
  end: MemorySample;
  afterGc: MemorySample;
}

function parseOptions(args: string[]): { incidents: number; minutes: number } {
  try {
    const { values } = parseArgs({
      args,
      options: { incidents: { type: 'string' }, minutes: { type: 'string' } },
      strict: true,
    });
    const incidents = Number(values.incidents ?? SOAK_BENCH.incidents);
    const minutes = Number(values.minutes ?? SOAK_BENCH.minutes);
    if (
      !Number.isInteger(incidents) ||
      incidents < 1_000 ||
      incidents > 2_000_000 ||
      !(minutes >= 1 && minutes <= 240)
    )
      throw new Error('out of range');
    return { incidents, minutes };
  } catch (error) {
    throw new UsageError(
      `soak: ${(error as Error).message}; it takes --incidents N (1,000 to 2,000,000) and --minutes M (1 to 240)`,
    );
  }
}

/** Runs the child core for `seconds`, collecting its memory samples, and stops it. */
async function soak(
  config: SoakChildConfig,
  cleanup: Cleanup,
  onSample: (sample: MemorySample) => void,
): Promise<SoakRun> {
  const child = forkTypeScript(CHILD, config, cleanup, ['--expose-gc']);
  const samples: MemorySample[] = [];
  try {
    return await new Promise<SoakRun>((resolve, reject) => {
      child.on('message', (message: SoakMessage | { type: 'failed'; message: string }) => {
        if (message.type === 'sample') {
          samples.push(message.sample);
          onSample(message.sample);
        } else if (message.type === 'done') resolve({ samples, ...message });
        else reject(new Error(`the soaked core failed: ${message.message}`));
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`the soaked core exited (${signal ?? `code ${code}`})`)),
      );
    });
  } finally {
    await stopChild(child);
  }
}

const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;

function secondHalfGrowth(samples: readonly MemorySample[]): number {
  const end = samples.at(-1)?.t ?? 0;
  return fittedGrowth(samples.filter((s) => s.t >= end / 2).map((s) => ({ t: s.t, value: s.rssBytes })));
}

function rows(incidents: number, minutes: number, baseline: SoakRun, run: SoakRun): ResultRow[] {
  const maxRss = Math.max(...run.samples.map((s) => s.rssBytes), run.end.rssBytes);
  const growth = secondHalfGrowth(run.samples);
  const count = incidents.toLocaleString('en');
  const marks = [0, 0.25, 0.5, 0.75, 1].map(
    (share) => run.samples[Math.round(share * (run.samples.length - 1))]!,
  );
  return [
    {
      measurement: `Empty cache, ${SOAK_BENCH.baselineSeconds} s of the same updates and panels (baseline): RSS at the end / after a full GC`,
      value: `${mb(baseline.end.rssBytes)} / ${mb(baseline.afterGc.rssBytes)}`,
    },
    {
      measurement: `${count} incidents: RSS over the soak`,
      value: marks.map((s) => `${mb(s.rssBytes)} @ ${(s.t / 60).toFixed(1)} min`).join(' → '),
    },
    {
      measurement: `${count} incidents: RSS at its largest over ${minutes} min`,
      value: `${mb(maxRss)}; ${(maxRss / baseline.end.rssBytes).toFixed(1)}× the empty cache`,
      target: { goal: `≤ ${mb(SOAK_TARGETS.rssBytes)}`, pass: maxRss <= SOAK_TARGETS.rssBytes },
    },
    {
      measurement: `${count} incidents: RSS growth over the soak's second half (fitted)`,
      value: `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %`,
      target: { goal: `≤ ${SOAK_TARGETS.growth * 100} %`, pass: growth <= SOAK_TARGETS.growth },
    },
    {
      measurement: `${count} incidents: at the end, V8 heap / RSS after a full GC`,
      value: `${mb(run.end.heapBytes)} / ${mb(run.afterGc.rssBytes)} (heap after GC ${mb(run.afterGc.heapBytes)})`,
    },
    {
      measurement: `${count} incidents: updates applied (${SOAK_BENCH.updatesPerSecond}/s asked)`,
      value: `${run.updates.toLocaleString('en')} (${(run.updates / (minutes * 60)).toFixed(1)}/s)`,
    },
  ];
}

async function runSoak(
  args: string[],
  progress: Progress,
  cleanup: Cleanup,
): Promise<{ incidents: number; minutes: number; baseline: SoakRun; run: SoakRun }> {
  const { incidents, minutes } = parseOptions(args);
  const runDir = makeTempDir('pingan-bench-soak-', cleanup);
  const common = { updatesPerSecond: SOAK_BENCH.updatesPerSecond, sampleSeconds: SOAK_BENCH.sampleSeconds };

  progress.phase(`Baseline: a core on an empty cache for ${SOAK_BENCH.baselineSeconds} s`);
  const emptyFile = join(runDir, 'empty.db');
  new LocalCache(emptyFile).close();
  const baseline = await soak(
    { ...common, cacheFile: emptyFile, incidents: 0, seconds: SOAK_BENCH.baselineSeconds },
    cleanup,
    (sample) => progress.update(`${Math.round(sample.t)} s · RSS ${mb(sample.rssBytes)}`),
  );

  progress.phase(`The cache of ${incidents.toLocaleString('en')} incidents`);
  const dataset = incidentDataset(incidents, { runDir, progress, cleanup });
  progress.phase(`Soak: ${minutes} min at ${SOAK_BENCH.updatesPerSecond} updates/s with the live panels`);
  const run = await soak(
    { ...common, cacheFile: dataset.file, incidents, seconds: minutes * 60 },
    cleanup,
    (sample) =>
      progress.update(`${(sample.t / 60).toFixed(1)} of ${minutes} min · RSS ${mb(sample.rssBytes)}`),
  );
  return { incidents, minutes, baseline, run };
}

export const soakBenchmark: Benchmark = {
  name: 'soak',
  summary: 'a desktop core holding 1M incidents for 30 min at 10 updates/s: its RSS, against an empty cache',
  async run(args, { progress, cleanup }) {
    const { incidents, minutes, baseline, run } = await runSoak(args, progress, cleanup);
    return {
      settings: { ...SOAK_BENCH, incidents, minutes },
      measurements: { baseline, run },
      rows: rows(incidents, minutes, baseline, run),
    };
  },
};
