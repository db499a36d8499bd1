import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LocalCache } from '../../src/core/cache/local-cache';
import { startCoreWorker, type CoreClient } from '../../src/core/worker/core-client';
import { addChinaDays, chinaDayOf, standardShift, toMillis, type HubEvent } from '../../src/domain';
import { pastDays } from '../../src/sim/history';
import type { Benchmark } from '../lib/benchmark';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';

/** What the reports benchmark measures, and the targets it is held to. */
export const REPORTS_BENCH = {
  /** Days of Dali's simulated history in the cache: the demo's past, longer. */
  days: 30,
  /** Frames of a shift played at speed: one a minute of shift time, as the scrubber moves. */
  frames: 240,
  rounds: 5,
} as const;

export const REPORTS_TARGETS = {
  /** A frame while playing (the replay kept and moved on), against replaying the shift anew for each frame. */
  playFrameRatio: 0.1,
} as const;

/** A cache holding `days` of the Dali demo's history, ending now. */
function fillCache(file: string, days: number): number {
  const drafts = pastDays({
    regionId: 'dali',
    seed: 1001,
    days,
    until: Date.now(),
    actor: { id: 'bench', name: '基准', role: 'commander', jurisdictionCode: '5329' },
  });
  const events = drafts.map((draft, index) => ({ ...draft, seq: index + 1, id: randomUUID() }) as HubEvent);
  const cache = new LocalCache(file);
  for (let from = 0; from < events.length; from += 5_000) {
    const batch = events.slice(from, from + 5_000);
    cache.apply({ after: from, through: batch.at(-1)!.seq, events: batch });
  }
  cache.close();
  return events.length;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

async function call(core: CoreClient, method: Parameters<CoreClient['call']>[0], input: unknown) {
  const result = await core.call(method, input);
  if (!result.ok) throw new Error(result.error.message ?? result.error.code);
  return result.value;
}

export const reportsBenchmark: Benchmark = {
  name: 'reports',
  summary: 'the briefing, the handover review and its map replay over a month of Dali, through the core API',
  async run(_args, { progress, cleanup }) {
    const dir = makeTempDir('pingan-bench-reports-', cleanup);
    const file = join(dir, 'cache.db');
    progress.phase(`Filling a cache with ${REPORTS_BENCH.days} days of Dali`);
    const events = fillCache(file, REPORTS_BENCH.days);
    const core = await startCoreWorker({ cacheFile: file, regionId: 'dali' });
    cleanup.add(() => void core.close());

    const yesterday = addChinaDays(chinaDayOf(Date.now()), -1);
    const shift = standardShift(yesterday, 'day');
    const start = toMillis(shift.start);
    const instant = (frame: number) => new Date(start + frame * 60_000).toISOString();
    const samples = { dayBriefing: [] as number[], monthBriefing: [] as number[], review: [] as number[] };
    const playFrame: number[] = [];
    const freshFrame: number[] = [];
    for (let round = 0; round < REPORTS_BENCH.rounds; round += 1) {
      progress.update(`round ${round + 1} of ${REPORTS_BENCH.rounds}`);
      samples.dayBriefing.push(await timed(() => call(core, 'briefing.get', { day: yesterday })));
      samples.monthBriefing.push(
        await timed(() => call(core, 'briefing.get', { day: yesterday, period: 'month' })),
      );
      samples.review.push(await timed(() => call(core, 'handover.review', { shift })));
      // Playing: each frame a minute after the last, so the kept replay only moves on.
      await call(core, 'replay.frame', { shift, at: instant(0) });
      const played = await timed(async () => {
        for (let frame = 1; frame <= REPORTS_BENCH.frames; frame += 1)
          await call(core, 'replay.frame', { shift, at: instant(frame) });
      });
      playFrame.push(played / REPORTS_BENCH.frames);
      // Baseline: each frame a replay of its own, read and played from the shift's start (a step back forces it).
      const fresh = await timed(async () => {
        for (let frame = 20; frame >= 1; frame -= 1)
          await call(core, 'replay.frame', { shift, at: instant(frame * 10) });
      });
      freshFrame.push(fresh / 20);
    }
    await core.close();

    const playMs = median(playFrame);
    const freshMs = median(freshFrame);
    const ratio = playMs / freshMs;
    const ms = (value: number) => `${value.toFixed(1)} ms`;
    return {
      settings: { ...REPORTS_BENCH, events },
      measurements: { ...samples, playFrameMs: playFrame, freshFrameMs: freshFrame },
      rows: [
        {
          measurement: `Cache: ${REPORTS_BENCH.days} days of Dali`,
          value: `${events.toLocaleString('en')} events`,
        },
        { measurement: "Yesterday's briefing (briefing.get)", value: ms(median(samples.dayBriefing)) },
        { measurement: "The month's briefing, 每月调度", value: ms(median(samples.monthBriefing)) },
        { measurement: "Yesterday's day-shift review (handover.review)", value: ms(median(samples.review)) },
        { measurement: 'Replay frame, the shift replayed anew for it (baseline)', value: ms(freshMs) },
        { measurement: 'Replay frame while playing, a minute on from the last', value: ms(playMs) },
        {
          measurement: 'Playing ÷ anew',
          value: `${ratio.toFixed(3)}×`,
          target: {
            goal: `≤ ${REPORTS_TARGETS.playFrameRatio}×`,
            pass: ratio <= REPORTS_TARGETS.playFrameRatio,
          },
        },
      ],
    };
  },
};
