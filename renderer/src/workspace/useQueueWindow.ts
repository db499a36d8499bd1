import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueFilter, QueueSort } from '../../../src/core/contract/queue';
import { desktopApi } from '../api-client';
import { blocksCovering, QueueRows } from './queue-rows';

/** Rows are fetched in blocks of this many: a screenful and some on either side. */
const BLOCK = 100;
/** Deadlines move with the clock, so the visible rows are asked for again this often even when nothing changed. */
const CLOCK_REFRESH_MS = 15_000;
/** A busy stream refreshes the queue at most this often. */
const CHANGE_REFRESH_MS = 1_000;

export interface QueueSummary {
  total: number;
  byStage: Record<string, number>;
  overdue: number;
  dueSoon: number;
}

const EMPTY: QueueSummary = { total: 0, byStage: {}, overdue: 0, dueSoon: 0 };

function sameSummary(a: QueueSummary | null, b: QueueSummary): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A sparse window onto the core's incident queue. The list asks for the rows it is about to show; blocks
 * arrive from the core and replace what was there, so a refresh never blanks the screen. Only the blocks
 * in view are fetched again when the cache changes or the clock moves on.
 */
export function useQueueWindow(filter: QueueFilter, sort: QueueSort) {
  const [summary, setSummary] = useState<QueueSummary | null>(null);
  const [rows] = useState(() => new QueueRows());
  const inView = useRef<[number, number]>([0, 0]);
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify([filter, sort]);

  const fetchBlock = useCallback(
    (block: number, gen: number) => {
      requested.current.add(block);
      const [parsedFilter, parsedSort] = JSON.parse(key) as [QueueFilter, QueueSort];
      void desktopApi
        .call('queue.window', { filter: parsedFilter, sort: parsedSort, offset: block * BLOCK, limit: BLOCK })
        .then((result) => {
          if (!result.ok || gen !== generation.current) return;
          const { rows: fetched, offset, ...counts } = result.value;
          rows.put(offset, fetched, counts.total);
          setSummary((before) => (sameSummary(before, counts) ? before : counts));
        });
    },
    [key, rows],
  );

  const blocksInView = useCallback(() => {
    const [first, last] = inView.current;
    return blocksCovering(first, last, BLOCK);
  }, []);

  const refresh = useCallback(() => {
    generation.current += 1;
    requested.current.clear();
    for (const block of blocksInView()) fetchBlock(block, generation.current);
  }, [blocksInView, fetchBlock]);

  // A new filter or sort starts afresh from the top.
  useEffect(() => {
    rows.clear();
    setSummary(null);
    refresh();
  }, [key, refresh, rows]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = desktopApi.on('changed', (change) => {
      if (timer || !change.kinds.some((kind) => kind === 'incident' || kind === 'mode' || kind === 'sla'))
        return;
      timer = setTimeout(() => {
        timer = undefined;
        refresh();
      }, CHANGE_REFRESH_MS);
    });
    const clock = setInterval(refresh, CLOCK_REFRESH_MS);
    return () => {
      stop();
      clearTimeout(timer);
      clearInterval(clock);
    };
  }, [refresh]);

  /** The list calls this with the range it renders; blocks not yet asked for in this generation are fetched. */
  const showRange = useCallback(
    (first: number, last: number) => {
      inView.current = [first, last];
      for (const block of blocksInView())
        if (!requested.current.has(block)) fetchBlock(block, generation.current);
    },
    [blocksInView, fetchBlock],
  );

  return { summary: summary ?? EMPTY, loaded: summary !== null, rows, showRange, refresh };
}
