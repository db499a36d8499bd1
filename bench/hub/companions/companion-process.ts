/**
 * A process sharing the hub benchmark's machine while it posts: the demo's simulator driving the hub, or a
 * desktop core catching up on the hub's whole log from an empty cache and then following it live.
 */
import { DesktopCore } from '../../../src/core/desktop-core';
import { startSimulator } from '../../../src/sim/simulator';
import { configFromParent, exitWithParent, reportFailure, sendToParent } from '../../lib/parent-channel';
import { REGION } from '../dali';
import type { CaughtUp, CompanionConfig, CompanionReady } from './protocol';

exitWithParent();
const config = configFromParent<CompanionConfig>();

async function simulate(options: Extract<CompanionConfig, { role: 'simulator' }>): Promise<void> {
  const simulator = startSimulator({
    hubUrl: options.hubUrl,
    regionId: REGION,
    seed: 1,
    speed: options.speed,
    scenario: 'normal',
    apiKey: options.apiKey,
    operator: options.operator,
    log: () => undefined,
  });
  await simulator.ready;
  sendToParent<CompanionReady>({ type: 'ready' });
}

function catchUp(options: Extract<CompanionConfig, { role: 'catch-up' }>): void {
  sendToParent<CompanionReady>({ type: 'ready' });
  process.once('message', () => {
    const started = performance.now();
    const core = new DesktopCore({
      cacheFile: options.cacheFile,
      regionId: REGION,
      hub: { url: options.hubUrl, name: options.viewer.name, password: options.viewer.password },
    });
    let reported = false;
    core.on('status', (status) => {
      const caughtUp =
        status.connection === 'online' &&
        status.hubHead !== null &&
        status.cursor >= status.hubHead &&
        !status.catchUp;
      if (!caughtUp || reported) return;
      reported = true;
      sendToParent<CaughtUp>({
        type: 'caught-up',
        events: core.cache.counts().events,
        seconds: (performance.now() - started) / 1000,
      });
    });
    core.start();
  });
}

try {
  if (config.role === 'simulator') simulate(config).catch(reportFailure);
  else catchUp(config);
} catch (error) {
  reportFailure(error);
}
