import type { Page } from '@playwright/test';
import { openIncident, type HubEventDraft, type NewIncident } from '../../src/domain';
import { recordEvents } from '../../src/hub/projector';
import type { LatencyEnvironment } from './environment';

const LONG_TASK_MS = 50;

/** Long tasks (over 50 ms) seen in one window of the page. */
export interface LongTasks {
  count: number;
  durationsMs: number[];
}

/** Writes `count` more open reports into the hub's log, numbered from `from`, where the reports are filed. */
export async function recordQueue(
  environment: LatencyEnvironment,
  from: number,
  count: number,
): Promise<void> {
  const start = Date.now() - (from + count) * 60_000;
  for (let done = from; done < from + count; done += 1000) {
    const drafts: HubEventDraft[] = [];
    for (let i = done; i < Math.min(from + count, done + 1000); i += 1) {
      const report: NewIncident = {
        id: `queue-${String(i).padStart(6, '0')}`,
        kind: 'dispute',
        category: 'neighbourhood',
        title: `邻里纠纷第 ${i + 1} 件`,
        description: '',
        ...environment.reportPlace,
        address: `测试地址 ${i + 1} 号`,
        reporter: null,
        source: 'grid-worker',
        monitoringPointId: null,
      };
      drafts.push(...openIncident(report, new Date(start + (i - from) * 60_000).toISOString()).events);
    }
    await environment.hub.store.transaction((tx) => recordEvents(tx, drafts));
  }
}

/**
 * One flick of the queue, as `tests/e2e/queue-scroll.spec.ts` makes it: down the whole list 40 screens a
 * frame, then 200 screens back up a screen a frame; or, for the baseline, the same number of frames with
 * the list left alone. Returns the long tasks seen meanwhile.
 */
export function flick(page: Page, scroll: boolean): Promise<LongTasks> {
  return page.evaluate(
    async ({ threshold, scroll }) => {
      const durations: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          if (entry.duration > threshold) durations.push(Math.round(entry.duration));
      });
      observer.observe({ type: 'longtask' });
      const list = document.querySelector<HTMLElement>('[data-testid="queue-list"]')!;
      const frame = () => new Promise((next) => requestAnimationFrame(next));
      const step = list.clientHeight;
      list.scrollTop = 0;
      await frame();
      const framesDown = Math.ceil(list.scrollHeight / (step * 40));
      for (let i = 0; i < framesDown; i += 1) {
        if (scroll) list.scrollTop += step * 40;
        await frame();
      }
      for (let i = 0; i < 200; i += 1) {
        if (scroll) list.scrollTop -= step;
        await frame();
      }
      await new Promise((settle) => setTimeout(settle, 1000));
      observer.disconnect();
      return { count: durations.length, durationsMs: durations };
    },
    { threshold: LONG_TASK_MS, scroll },
  );
}

/** p50 / p95 / max of long-task durations, and their count, over all the flicks of one kind. */
export function distribution(flicks: readonly LongTasks[]) {
  const all = flicks.flatMap((tasks) => tasks.durationsMs).sort((a, b) => a - b);
  const at = (share: number) =>
    all.length ? all[Math.min(all.length - 1, Math.floor(share * all.length))]! : 0;
  return {
    flicks: flicks.length,
    longTasks: all.length,
    perFlick: flicks.map((tasks) => tasks.count),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    maxMs: all.at(-1) ?? 0,
  };
}
