import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkTypeScript, nextMessage, stopChild } from '../../lib/children';
import type { Cleanup } from '../../lib/cleanup';
import type { HubCredentials } from '../hub-database';
import type { Companions, SustainedResult } from '../sustained';
import type { CaughtUp, CompanionBegin, CompanionConfig, CompanionReady } from './protocol';

const COMPANION_PROCESS = fileURLToPath(new URL('./companion-process.ts', import.meta.url));
const READY_TIMEOUT_MS = 120_000;
/** A catch-up of the benchmark's log, on a machine this busy, with room to spare. */
const CATCH_UP_TIMEOUT_MS = 10 * 60_000;

/** The sustained stream measured beside the companions, and how long the catch-up took meanwhile. */
export interface SharedResult {
  sustained: SustainedResult;
  catchUp: CaughtUp;
}

export interface RunningCompanions extends Companions {
  /** Settles when the core has caught up with the hub (it then follows it live). */
  caughtUp(): Promise<CaughtUp>;
  stop(): Promise<void>;
}

/** The demo's simulator at `speed` and an empty desktop cache about to catch up, each in its own process. */
export async function startCompanions(
  plan: { hubUrl: string; credentials: HubCredentials; workDir: string; speed: number },
  cleanup: Cleanup,
): Promise<RunningCompanions> {
  const { simulator } = plan.credentials;
  if (!simulator)
    throw new Error('the simulator needs the demo accounts: prepare the hub database with `demo`');
  const configs: CompanionConfig[] = [
    { role: 'simulator', hubUrl: plan.hubUrl, ...simulator, speed: plan.speed },
    {
      role: 'catch-up',
      hubUrl: plan.hubUrl,
      viewer: plan.credentials.viewer,
      cacheFile: join(plan.workDir, 'companion-cache.db'),
    },
  ];
  const [simulatorChild, coreChild] = configs.map((config) =>
    forkTypeScript(COMPANION_PROCESS, config, cleanup),
  );
  await Promise.all(
    [simulatorChild!, coreChild!].map((child, i) =>
      nextMessage<CompanionReady>(
        child,
        'ready',
        READY_TIMEOUT_MS,
        `starting the ${configs[i]!.role} process`,
      ),
    ),
  );
  const caughtUp = nextMessage<CaughtUp>(coreChild!, 'caught-up', CATCH_UP_TIMEOUT_MS, 'the catch-up');
  caughtUp.catch(() => undefined);
  return {
    pids: { simulator: simulatorChild!.pid!, 'catching-up core': coreChild!.pid! },
    begin: () => coreChild!.send({ type: 'begin' } satisfies CompanionBegin),
    caughtUp: () => caughtUp,
    async stop() {
      await Promise.all([stopChild(simulatorChild!), stopChild(coreChild!)]);
    },
  };
}
