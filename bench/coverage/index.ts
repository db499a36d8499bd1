import {
  ViewIndex,
  coverageCounts,
  furthestLatitude,
  metresBetween,
  midpointOf,
  viewRangeOf,
  type LngLat,
} from '../../src/domain';
import { generateInventory } from '../../src/sim/seed/inventory';
import type { Benchmark } from '../lib/benchmark';
import { median } from '../lib/stats';

/** What the coverage benchmark measures, and the target it is held to. */
export const COVERAGE_BENCH = {
  /** Places and road midpoints asked of every point one by one: enough to time, too few to wait for all. */
  bruteForceSample: 300,
  rounds: 5,
} as const;

export const COVERAGE_TARGETS = {
  /** The whole region through the cell index, against every point asked of every place (extrapolated). */
  indexRatio: 0.01,
} as const;

export const coverageBenchmark: Benchmark = {
  name: 'coverage',
  summary: "monitoring coverage of Dali's key places and roads: the cell index against every point asked",
  async run(_args, { progress }) {
    progress.phase('Generating the Dali inventory');
    const { points, coverage } = generateInventory('dali');
    const targets: LngLat[] = [...coverage.places.map((p) => p.location), ...coverage.roads.map(midpointOf)];
    const online = points.filter((point) => point.status === 'online');
    const indexed: number[] = [];
    const brute: number[] = [];
    let seen = 0;
    for (let round = 0; round < COVERAGE_BENCH.rounds; round += 1) {
      progress.update(`round ${round + 1} of ${COVERAGE_BENCH.rounds}`);
      let started = performance.now();
      const index = new ViewIndex(points, furthestLatitude(points.map((point) => point.location)));
      const counts = coverageCounts(coverage, index);
      indexed.push(performance.now() - started);
      seen = [...counts.values()].reduce((sum, c) => sum + c.places[0] + c.roads[0], 0);
      started = performance.now();
      const step = Math.floor(targets.length / COVERAGE_BENCH.bruteForceSample);
      for (let n = 0; n < COVERAGE_BENCH.bruteForceSample; n += 1) {
        const at = targets[n * step]!;
        online.some((point) => metresBetween(point.location, at) <= viewRangeOf(point));
      }
      // Per target, times every target: what asking every point of every place would take.
      brute.push(((performance.now() - started) / COVERAGE_BENCH.bruteForceSample) * targets.length);
    }
    const indexMs = median(indexed);
    const bruteMs = median(brute);
    const ratio = indexMs / bruteMs;
    return {
      settings: { ...COVERAGE_BENCH, points: points.length, targets: targets.length },
      measurements: { indexMs: indexed, bruteForceMs: brute, inView: seen },
      rows: [
        {
          measurement: 'Dali: monitoring points, and key places + road segments',
          value: `${points.length.toLocaleString('en')} points, ${targets.length.toLocaleString('en')} targets`,
        },
        {
          measurement: 'Every point asked of every target (baseline, extrapolated)',
          value: `${bruteMs.toFixed(0)} ms`,
        },
        { measurement: 'Cell index built and asked of every target', value: `${indexMs.toFixed(0)} ms` },
        {
          measurement: 'Index ÷ every point',
          value: `${ratio.toFixed(4)}×`,
          target: { goal: `≤ ${COVERAGE_TARGETS.indexRatio}×`, pass: ratio <= COVERAGE_TARGETS.indexRatio },
        },
      ],
    };
  },
};
