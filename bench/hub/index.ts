import { join } from 'node:path';
import type { Benchmark, BenchmarkContext } from '../lib/benchmark';
import { makeTempDir } from '../lib/temp-dir';
import { pointsInDali, villageCodes, type LngLat } from './dali';
import { benchForces } from './forces';
import { login } from './hub-api';
import { prepareHubDatabase } from './hub-database';
import { startHubProcess, type HubProcess } from './hub-process';
import { parseHubOptions } from './options';
import { measureReplay, type ReplayResult } from './replay';
import { hubOutcome } from './report';
import { measureSaturation } from './saturation/saturation';
import { HUB_BENCH } from './settings';
import {
  measureSustainedStream,
  type Companions,
  type SustainedPlan,
  type SustainedResult,
} from './sustained';
import type { Force } from '../../src/domain';
import { DEMO_SPEED } from '../../src/sim/clock';
import { startCompanions, type SharedResult } from './companions/companions';

const thousands = (n: number) => n.toLocaleString('en');

/** The sustained stream on `hub`, watched by the benchmark's clients, with `companions` beside it if any. */
function sustainedStream(
  target: { hub: HubProcess; token: string; apiKey: string },
  load: { forces: readonly Force[]; points: readonly LngLat[]; durationSeconds: number },
  { progress, cleanup }: BenchmarkContext,
  companions?: Companions,
): Promise<SustainedResult> {
  const plan: SustainedPlan = {
    ...target,
    ...load,
    clients: HUB_BENCH.clients,
    eventsPerSecond: HUB_BENCH.eventsPerSecond,
    ...(companions ? { companions } : {}),
  };
  return target.hub.whileRunning(measureSustainedStream(plan, cleanup, progress));
}

/** The phases that run against the hub process itself: replay, then the sustained stream. */
async function measureHubProcess(
  workDir: string,
  forces: readonly Force[],
  points: readonly LngLat[],
  durationSeconds: number,
  { progress, cleanup }: BenchmarkContext,
): Promise<{ replay: ReplayResult; sustained: SustainedResult }> {
  progress.phase(
    `Preparing a hub database: ${thousands(HUB_BENCH.forces)} forces, ${thousands(HUB_BENCH.replayEvents)} positions`,
  );
  const dbFile = join(workDir, 'hub.db');
  const credentials = await prepareHubDatabase(dbFile, forces, points, HUB_BENCH.replayEvents, progress);

  progress.phase('Starting the hub process');
  const hub = await startHubProcess(dbFile, cleanup);
  try {
    const token = await login(hub.url, credentials.viewer.name, credentials.viewer.password);

    progress.phase(`Replay: ${thousands(HUB_BENCH.replayEvents)} events to a reconnecting client`);
    const replay = await hub.whileRunning(
      measureReplay(hub.url, token, HUB_BENCH.replayEvents, HUB_BENCH.replayRepetitions, cleanup, progress),
    );

    progress.phase(
      `Sustained stream: ${thousands(HUB_BENCH.eventsPerSecond)}/s for ${durationSeconds} s to ${HUB_BENCH.clients} clients`,
    );
    const sustained = await sustainedStream(
      { hub, token, apiKey: credentials.apiKey },
      { forces, points, durationSeconds },
      { progress, cleanup },
    );
    return { replay, sustained };
  } finally {
    await hub.stop();
  }
}

/**
 * The sustained stream again, on a hub holding what the demo seeds, while the demo's simulator drives it and
 * a desktop core catches up on its whole log from an empty cache: the machine shared as on a one-box centre.
 */
async function measureSharedMachine(
  workDir: string,
  forces: readonly Force[],
  points: readonly LngLat[],
  durationSeconds: number,
  { progress, cleanup }: BenchmarkContext,
): Promise<SharedResult> {
  progress.phase('Preparing a second hub database: the demo seeded, then the same forces and positions');
  const dbFile = join(workDir, 'shared-hub.db');
  const credentials = await prepareHubDatabase(dbFile, forces, points, HUB_BENCH.replayEvents, progress, {
    demo: true,
  });
  const hub = await startHubProcess(dbFile, cleanup);
  try {
    const token = await login(hub.url, credentials.viewer.name, credentials.viewer.password);
    progress.phase(`Starting the simulator (${DEMO_SPEED}×) and an empty desktop cache`);
    const companions = await startCompanions(
      { hubUrl: hub.url, credentials, workDir, speed: DEMO_SPEED },
      cleanup,
    );
    try {
      progress.phase(
        `Sustained stream sharing the machine: ${thousands(HUB_BENCH.eventsPerSecond)}/s for ${durationSeconds} s to ${HUB_BENCH.clients} clients`,
      );
      const sustained = await sustainedStream(
        { hub, token, apiKey: credentials.apiKey },
        { forces, points, durationSeconds },
        { progress, cleanup },
        companions,
      );
      return { sustained, catchUp: await companions.caughtUp() };
    } finally {
      await companions.stop();
    }
  } finally {
    await hub.stop();
  }
}

export const hubBenchmark: Benchmark = {
  name: 'hub',
  summary:
    'the hub live stream: sustained ingest to 100 clients, alone and beside the simulator and a catch-up; batched vs naive; replay',

  async run(args, context) {
    const { durationSeconds } = parseHubOptions(args);
    const workDir = makeTempDir('pingan-bench-hub-', context.cleanup);
    const forces = benchForces(HUB_BENCH.forces, villageCodes());
    const points = pointsInDali(HUB_BENCH.positionPoints);

    const { replay, sustained } = await measureHubProcess(workDir, forces, points, durationSeconds, context);
    const shared = await measureSharedMachine(workDir, forces, points, durationSeconds, context);

    context.progress.phase(
      `Saturation: ${thousands(HUB_BENCH.saturationEvents)} events to ${HUB_BENCH.clients} clients, batched vs naive`,
    );
    const saturation = await measureSaturation(
      {
        workDir,
        forces: HUB_BENCH.forces,
        positionPoints: HUB_BENCH.positionPoints,
        clients: HUB_BENCH.clients,
        events: HUB_BENCH.saturationEvents,
        rounds: HUB_BENCH.saturationRounds,
      },
      context.cleanup,
      context.progress,
    );
    return hubOutcome(durationSeconds, sustained, shared, saturation, replay);
  },
};
