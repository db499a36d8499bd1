import type { Benchmark } from '../lib/benchmark';
import { makeTempDir } from '../lib/temp-dir';
import { pointsInDali, villageCodes } from '../hub/dali';
import { benchForces } from '../hub/forces';
import { measureApplyRate } from './apply-rate';
import { measureCatchUp } from './catch-up';
import { CORE_BENCH, CORE_TARGETS } from './settings';
import { measureStartTime } from './start-time';

const thousands = (n: number) => Math.round(n).toLocaleString('en');

export const coreBenchmark: Benchmark = {
  name: 'core',
  summary:
    'desktop core: cache apply rate vs raw inserts, catch-up of 100,000 events, start on a full Dali cache',
  async run(_args, { progress, cleanup }) {
    const workDir = makeTempDir('pingan-bench-core-', cleanup);
    const forces = benchForces(CORE_BENCH.forces, villageCodes());

    progress.phase(
      `Apply rate: ${thousands(CORE_BENCH.applyEvents)} events, cache vs raw inserts, ${CORE_BENCH.applyRepetitions} rounds`,
    );
    const apply = measureApplyRate(workDir, forces, progress);

    progress.phase(
      `Catch-up: ${thousands(CORE_BENCH.catchUpEvents)} events from a hub process into an empty cache`,
    );
    const catchUp = await measureCatchUp(workDir, forces, pointsInDali(1_000), cleanup, progress);

    progress.phase('Start: a full Dali cache (inventory and 20,000 open incidents) to the first API answer');
    const start = await measureStartTime(workDir, progress);

    return {
      settings: { ...CORE_BENCH },
      measurements: { apply, catchUp, start },
      rows: [
        {
          measurement: 'Raw better-sqlite3 inserts of the same rows (baseline)',
          value: `${thousands(apply.rawEventsPerSecond)} events/s`,
        },
        {
          measurement: 'Cache apply (projection, idempotency, cursor)',
          value: `${thousands(apply.cacheEventsPerSecond)} events/s`,
        },
        {
          measurement: 'Cache apply ÷ raw inserts',
          value: `${apply.ratio.toFixed(2)}×`,
          target: {
            goal: `≥ ${CORE_TARGETS.applyRatioToRawInserts}×`,
            pass: apply.ratio >= CORE_TARGETS.applyRatioToRawInserts,
          },
        },
        {
          measurement: `The same ${thousands(catchUp.events)} events inserted one row each, in frames of the hub's replay (baseline)`,
          value: `${thousands(catchUp.rawRowsPerSecond)} events/s`,
        },
        {
          measurement: `Catch-up of ${thousands(catchUp.events)} events from a real hub`,
          value: `${catchUp.seconds.toFixed(2)} s (${thousands(catchUp.eventsPerSecond)} events/s)`,
          target: {
            goal: `≤ ${CORE_TARGETS.catchUpSeconds} s`,
            pass: catchUp.seconds <= CORE_TARGETS.catchUpSeconds,
          },
        },
        {
          measurement: 'Catch-up ÷ raw one-row inserts',
          value: `${(catchUp.eventsPerSecond / catchUp.rawRowsPerSecond).toFixed(2)}×`,
          target: {
            goal: `≥ ${CORE_TARGETS.catchUpRatioToRawRows}×`,
            pass: catchUp.eventsPerSecond / catchUp.rawRowsPerSecond >= CORE_TARGETS.catchUpRatioToRawRows,
          },
        },
        {
          measurement: `Core start to API ready, Dali cache (${thousands(start.monitoringPoints)} points, ${thousands(start.openIncidents)} open incidents, ${start.cacheMegabytes} MB)`,
          value: `${start.medianSecondsToReady.toFixed(2)} s (median of ${start.secondsToReady.length})`,
          target: {
            goal: `≤ ${CORE_TARGETS.startToReadySeconds} s`,
            pass: start.medianSecondsToReady <= CORE_TARGETS.startToReadySeconds,
          },
        },
      ],
    };
  },
};
