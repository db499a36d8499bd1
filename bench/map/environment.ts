import { join } from 'node:path';
import { pino } from 'pino';
import { runDesktop } from '../../src/cli/desktop';
import { bootstrapAccounts } from '../../src/hub/bootstrap';
import { seedHub } from '../../src/cli/seed-demo';
import { startHub } from '../../src/hub/server';
import { startSimulator } from '../../src/sim/simulator';
import type { Progress } from '../lib/progress';
import { MAP_BENCH } from './settings';

export interface MapBenchEnvironment {
  hubUrl: string;
  shellUrl: string;
  apiKey: string;
  operatorName: string;
  monitoringPoints: number;
  stop(): Promise<void>;
}

/**
 * A real hub seeded with Dali, a simulated stretch of the day run through it and then stopped (so that
 * what streams in while measuring is only what the benchmark sends), and the browser shell signed in.
 */
export async function startMapEnvironment(dir: string, progress: Progress): Promise<MapBenchEnvironment> {
  const hub = await startHub({
    db: `sqlite:${join(dir, 'hub.db')}`,
    region: 'dali',
    port: 0,
    logger: pino({ level: 'warn' }),
  });
  const accounts = await bootstrapAccounts(hub.store, hub.region);
  if (!accounts) throw new Error('a fresh hub should have created its accounts');
  const seeded = await seedHub(hub.store, 'dali', {
    onProgress: (done, total) => progress.update(`seeding Dali: ${done}/${total}`),
  });

  progress.update(`running the simulator at ${MAP_BENCH.warmUpSpeed}× for ${MAP_BENCH.warmUpSeconds} s`);
  const simulator = startSimulator({
    hubUrl: hub.url,
    regionId: 'dali',
    seed: 1,
    speed: MAP_BENCH.warmUpSpeed,
    scenario: 'normal',
    apiKey: accounts.simulator.apiKey,
    operator: accounts.simulator.operator,
    log: () => undefined,
  });
  await simulator.ready;
  await new Promise((resolve) => setTimeout(resolve, MAP_BENCH.warmUpSeconds * 1000));
  await simulator.stop();

  const desktop = await runDesktop(
    {
      region: 'dali',
      cache: join(dir, 'desktop-cache.db'),
      hub: hub.url,
      user: accounts.demoOperator.name,
      password: accounts.demoOperator.password,
      browser: true,
      open: false,
    },
    () => undefined,
  );
  if (!desktop.url) throw new Error('the browser shell did not say where it listens');
  return {
    hubUrl: hub.url,
    shellUrl: desktop.url,
    apiKey: accounts.simulator.apiKey,
    operatorName: accounts.demoOperator.name,
    monitoringPoints: seeded.points,
    async stop() {
      await desktop.stop();
      await hub.close();
    },
  };
}
