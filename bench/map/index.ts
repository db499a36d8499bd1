import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium';
import type { Benchmark } from '../lib/benchmark';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { startMapEnvironment } from './environment';
import {
  installProbes,
  measureApply,
  now,
  observe,
  sampleIds,
  startUp,
  type PageProbes,
} from './page-probes';
import { MAP_BENCH, MAP_TARGETS } from './settings';
import { streamChanges } from './stream';

const ms = (value: number) => `${value.toFixed(1)} ms`;
const seconds = (value: number) => `${(value / 1000).toFixed(2)} s`;
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

type Window = ReturnType<typeof observe>;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Shares of the profiled time: V8 names its native buckets "(program)", "(garbage collector)", "(idle)". */
function timeByCategory(profile: CpuProfile) {
  const names = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const time = { scripts: 0, native: 0, garbageCollection: 0, idle: 0 };
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((node, i) => {
    const name = names.get(node);
    const bucket =
      name === '(idle)'
        ? 'idle'
        : name === '(program)'
          ? 'native'
          : name === '(garbage collector)'
            ? 'garbageCollection'
            : 'scripts';
    time[bucket] += deltas[i] ?? 0;
  });
  const total = Object.values(time).reduce((sum, value) => sum + value, 0) || 1;
  return {
    scripts: time.scripts / total,
    native: time.native / total,
    garbageCollection: time.garbageCollection / total,
    idle: time.idle / total,
  };
}

/** Long tasks in a window, each split into the map's painting and everything else. */
function taskSummary(window: Window) {
  const outsidePainting = window.longTasks.map((task) => {
    const end = task.start + task.duration;
    const painting = window.paints.reduce(
      (sum, paint) =>
        sum + Math.max(0, Math.min(end, paint.start + paint.duration) - Math.max(task.start, paint.start)),
      0,
    );
    return task.duration - painting;
  });
  const longest = Math.max(0, ...window.longTasks.map((task) => task.duration));
  return {
    longTasks: window.longTasks.length,
    longestTaskMs: longest,
    longestOutsidePaintingMs: Math.max(0, ...outsidePainting),
    paints: window.paints.length,
    medianPaintMs: window.paints.length ? median(window.paints.map((paint) => paint.duration)) : 0,
    shareInLongTasks: window.longTasks.reduce((sum, task) => sum + task.duration, 0) / window.sinceMs,
  };
}

export const mapBenchmark: Benchmark = {
  name: 'map',
  summary: 'wall map in Chromium: incremental vs whole updates of ~150k cameras, a 200/s stream, first frame',
  async run(_args, { progress, cleanup }) {
    progress.phase('Setting up: a hub seeded with Dali, a simulated stretch of day, the browser shell');
    const environment = await startMapEnvironment(makeTempDir('pingan-bench-map-', cleanup), progress);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: MAP_BENCH.viewport });
      const monitoringCount = environment.monitoringPoints.toLocaleString('en');
      // tsx keeps function names with a helper the page lacks; the probes are sent over as source text.
      await page.addInitScript('window.__name = (target) => target;');
      await page.addInitScript(installProbes, { operator: environment.operatorName, monitoringCount });

      progress.phase(`First frame: the wall at ${MAP_BENCH.viewport.width}×${MAP_BENCH.viewport.height}`);
      await page.goto(environment.shellUrl);
      await page.waitForFunction(
        () => (window as unknown as { __benchProbes: PageProbes }).__benchProbes.mapCompleteAt !== null,
        null,
        { timeout: 180_000 },
      );
      const start = await page.evaluate(startUp);

      progress.phase(
        `Apply: ${MAP_BENCH.changedFeatures} changed cameras, updateData vs setData, ${MAP_BENCH.applyRounds} rounds each`,
      );
      const apply = await page.evaluate(measureApply, {
        changed: MAP_BENCH.changedFeatures,
        rounds: MAP_BENCH.applyRounds,
      });
      const incrementalMs = median(apply.incremental);
      const wholeMs = median(apply.whole);

      progress.phase(`Quiet: ${MAP_BENCH.quietSeconds} s with nothing streaming in`);
      const quietFrom = await page.evaluate(now);
      await sleep(MAP_BENCH.quietSeconds * 1000);
      const quiet = taskSummary(await page.evaluate(observe, quietFrom));

      progress.phase(
        `Stream: ${MAP_BENCH.streamChangesPerSecond} changes/s for ${MAP_BENCH.streamSeconds} s`,
      );
      const ids = await page.evaluate(sampleIds, 20_000);
      // A sampling profile of the main thread says where the stream's time went: scripts, or native work.
      const profiler = await page.context().newCDPSession(page);
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
      const streamFrom = await page.evaluate(now);
      const stream = streamChanges({ url: environment.hubUrl, apiKey: environment.apiKey }, ids);
      for (let second = 1; second <= MAP_BENCH.streamSeconds; second++) {
        await sleep(1000);
        progress.update(`${second}/${MAP_BENCH.streamSeconds} s`);
      }
      const accepted = await stream.stop();
      const { profile } = await profiler.send('Profiler.stop');
      if (process.env.PINGAN_BENCH_PROFILE)
        writeFileSync(process.env.PINGAN_BENCH_PROFILE, JSON.stringify(profile));
      const mainThread = timeByCategory(profile);
      const streaming = taskSummary(await page.evaluate(observe, streamFrom));

      const coreReadyToFrame = start.mapCompleteAt! - start.coreReadyAt!;
      return {
        settings: { ...MAP_BENCH, chromium: await browser.version() },
        measurements: {
          start,
          apply: { ...apply, incrementalMedianMs: incrementalMs, wholeMedianMs: wholeMs },
          quiet,
          streaming: { ...streaming, changesAccepted: accepted, mainThread },
        },
        rows: [
          {
            measurement: `Plain setData of the camera layer, ${apply.features.toLocaleString('en')} points (baseline)`,
            value: ms(wholeMs),
          },
          {
            measurement: `Incremental update of ${MAP_BENCH.changedFeatures.toLocaleString('en')} of them`,
            value: ms(incrementalMs),
          },
          {
            measurement: 'Incremental ÷ setData, main-thread time',
            value: `${(incrementalMs / wholeMs).toFixed(3)}×`,
            target: { goal: '≤ 0.333×', pass: incrementalMs / wholeMs <= MAP_TARGETS.applyRatio },
          },
          {
            measurement: `Longest main-thread task, ${MAP_BENCH.streamChangesPerSecond} changes/s for ${MAP_BENCH.streamSeconds} s`,
            value: ms(streaming.longestTaskMs),
            target: {
              goal: `≤ ${MAP_TARGETS.longestTaskMs} ms`,
              pass: streaming.longestTaskMs <= MAP_TARGETS.longestTaskMs,
            },
          },
          {
            measurement: "… of it outside MapLibre's paint call",
            value: ms(streaming.longestOutsidePaintingMs),
          },
          {
            measurement:
              'Main thread while streaming: scripts / native (layout, GL, compositing) / GC / idle',
            value: ['scripts', 'native', 'garbageCollection', 'idle']
              .map((category) => `${(mainThread[category as keyof typeof mainThread] * 100).toFixed(0)}%`)
              .join(' / '),
          },
          {
            measurement: 'Map paints and median paint call, streaming vs quiet',
            value: `${streaming.paints} × ${ms(streaming.medianPaintMs)} vs ${quiet.paints}${quiet.paints ? ` × ${ms(quiet.medianPaintMs)}` : ''}`,
          },
          {
            measurement: 'Share of main-thread time in long tasks, streaming vs quiet',
            value: `${(streaming.shareInLongTasks * 100).toFixed(0)}% vs ${(quiet.shareInLongTasks * 100).toFixed(0)}%`,
          },
          {
            measurement: 'Core ready → first complete map frame (all layers filled, map idle)',
            value: seconds(coreReadyToFrame),
          },
        ],
      };
    } finally {
      await browser.close();
      await environment.stop();
    }
  },
};
