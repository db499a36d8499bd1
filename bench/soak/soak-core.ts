/**
 * The soak benchmark's child: a desktop core alone in its process, on a copy of a generated cache, taking
 * `updatesPerSecond` updates as the hub's live stream delivers them while the wall's live panels refresh.
 * It reports its memory every `sampleSeconds`, and once more after a full collection at the end.
 */
import { randomUUID } from 'node:crypto';
import { DesktopCore } from '../../src/core/desktop-core';
import { dispatchDesktopCall } from '../../src/core/transports/dispatch';
import { TIMED_STAGES, type HubEvent } from '../../src/domain';
import { seededRandom } from '../../src/regions/seeded-random';
import { pointsInDali, villageCodes } from '../hub/dali';
import { incidentEvents } from '../lib/incident-dataset';
import { configFromParent, exitWithParent, reportFailure, sendToParent } from '../lib/parent-channel';
import { QUEUE_BENCH } from '../queue/settings';
import type { MemorySample, SoakChildConfig } from './protocol';

const MINUTE_MS = 60_000;
/** Each update is a newly reported incident with the steps of its first hour taken: one to four events. */
const UPDATE_AGE_MS = 60 * MINUTE_MS;

exitWithParent();
const config = configFromParent<SoakChildConfig>();

function memory(t: number): MemorySample {
  const { rss, heapUsed } = process.memoryUsage();
  return { t, rssBytes: rss, heapBytes: heapUsed };
}

async function run(): Promise<void> {
  const core = new DesktopCore({ cacheFile: config.cacheFile, regionId: 'dali' });
  core.start();
  const call = (method: string, input: unknown) =>
    dispatchDesktopCall(core.handlers, method as never, input as never);
  const queueInput = {
    filter: { stages: [...TIMED_STAGES] },
    sort: 'deadline',
    offset: 0,
    limit: QUEUE_BENCH.block,
  };
  // The wall's panels, on their periods, and the map's first frame of clusters: what a core serves all shift.
  const panels = [
    setInterval(() => void call('figures.get', {}), QUEUE_BENCH.livePanelPeriodsMs.figures),
    setInterval(() => void call('counts.get', {}), QUEUE_BENCH.livePanelPeriodsMs.counts),
    setInterval(() => void call('queue.window', queueInput), QUEUE_BENCH.livePanelPeriodsMs.queue),
  ];
  await call('figures.get', {});

  const positions = pointsInDali(2_000);
  const villages = villageCodes();
  const random = seededRandom('bench-soak');
  let n = config.incidents;
  let updates = 0;
  const update = () => {
    const now = Date.now();
    const drafts = incidentEvents(
      n,
      now - UPDATE_AGE_MS,
      now,
      { location: positions[n % positions.length]!, villages },
      random,
    );
    n += 1;
    const after = core.cache.cursor;
    const events = drafts.map((draft, i) => ({ ...draft, seq: after + i + 1, id: randomUUID() }) as HubEvent);
    const applied = core.cache.apply({ after, through: after + events.length, events });
    if (applied.kind !== 'applied') throw new Error(`an update was not applied: ${JSON.stringify(applied)}`);
    updates += 1;
  };

  const started = Date.now();
  const seconds = () => (Date.now() - started) / 1000;
  sendToParent({ type: 'sample', sample: memory(0) });
  const updater = setInterval(() => {
    try {
      update();
    } catch (error) {
      reportFailure(error);
    }
  }, 1000 / config.updatesPerSecond);
  const sampler = setInterval(
    () => sendToParent({ type: 'sample', sample: memory(seconds()) }),
    config.sampleSeconds * 1000,
  );
  await new Promise((resolve) => setTimeout(resolve, config.seconds * 1000));
  for (const timer of [updater, sampler, ...panels]) clearInterval(timer);
  const end = memory(seconds());
  (globalThis as { gc?: () => void }).gc?.();
  sendToParent({ type: 'done', updates, end, afterGc: memory(seconds()) });
  core.close();
}

run().catch(reportFailure);
