import { join } from 'node:path';
import { DesktopCore } from '../../src/core/desktop-core';
import type { Force } from '../../src/domain';
import type { Cleanup } from '../lib/cleanup';
import type { Progress } from '../lib/progress';
import type { LngLat } from '../hub/dali';
import { prepareHubDatabase } from '../hub/hub-database';
import { startHubProcess } from '../hub/hub-process';
import { CORE_BENCH } from './settings';

export interface CatchUpResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
}

/** An empty cache catching up on a real hub process's log of 100,000 events. */
export async function measureCatchUp(
  workDir: string,
  forces: readonly Force[],
  points: readonly LngLat[],
  cleanup: Cleanup,
  progress: Progress,
): Promise<CatchUpResult> {
  const hubFile = join(workDir, 'catch-up-hub.db');
  const credentials = await prepareHubDatabase(hubFile, forces, points, CORE_BENCH.catchUpEvents, progress);
  const hub = await startHubProcess(hubFile, cleanup);
  try {
    const core = new DesktopCore({
      cacheFile: join(workDir, 'catch-up-cache.db'),
      regionId: 'dali',
      hub: { url: hub.url, name: credentials.viewer.name, password: credentials.viewer.password },
    });
    // Sign in first, so the time measured is the catch-up, not the password hash.
    const started = await hub.whileRunning(
      new Promise<number>((resolve, reject) => {
        let startedAt = 0;
        const timer = setTimeout(() => reject(new Error('the catch-up did not finish within 60 s')), 60_000);
        core.on('status', (status) => {
          if (status.catchUp && startedAt === 0) startedAt = performance.now();
          if (status.catchUp)
            progress.update(
              `${status.catchUp.done.toLocaleString('en')} of ${status.catchUp.total.toLocaleString('en')}`,
            );
          if (
            status.connection === 'online' &&
            status.hubHead !== null &&
            status.cursor >= status.hubHead &&
            !status.catchUp
          ) {
            clearTimeout(timer);
            resolve(startedAt);
          }
        });
        core.start();
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const events = core.cache.counts().events;
    core.close();
    return { events, seconds, eventsPerSecond: Math.round(events / seconds) };
  } finally {
    await hub.stop();
  }
}
