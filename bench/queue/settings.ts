import { OVERDUE_SWEEP_MS } from '../../src/core/alerts';

/** What the queue benchmark measures at each size. */
export const QUEUE_BENCH = {
  /** Rows the list asks the core for at a time. */
  block: 100,
  /** Where the scroll block starts: five blocks down the order just asked for. */
  scrollOffset: 500,
  searchText: '纠纷',
  /** The wall's opening view of Dali: the whole prefecture. */
  firstFrame: { zoom: 7.5, bbox: [98.8, 24.6, 101.2, 26.8] as [number, number, number, number] },
  rounds: 9,
  /** The whole list is seconds long at the larger sizes, so fewer rounds of it. */
  baselineRounds: 5,
  /** The most incidents `incidents.list` answers with (its contract's cap). */
  listLimit: 100_000,
  /** The live panels' calls, each on its own period, for this long. */
  livePanelsSeconds: 10,
  livePanelPeriodsMs: { figures: 2_000, counts: 1_000, queue: 1_000 },
  /** Before the live panels, the worker with no calls for this long: one period of the core's overdue sweep. */
  quietSeconds: OVERDUE_SWEEP_MS / 1000,
} as const;

/** Targets: the issue's, for the growth with size and at the largest size; the ratios the queue was built to. */
export const QUEUE_TARGETS = {
  /** Log-log slope of each read's median against the number of incidents, smallest to largest size. */
  slope: 0.1,
  /** A live panel's read (counts, figures) at the largest size. */
  livePanelMs: 20,
  /** A new order or filter over the whole queue, first block, at the largest size. */
  newOrderMs: 100,
  /** The wall's first frame of incidents (the cache's clusters for the view), at the largest size. */
  firstFrameMs: 1_000,
  /** The next block while scrolling, at the largest size. */
  scrollBlockMs: 10,
  /**
   * The process's resident set after a full collection in the core's worker, at the largest size. The process
   * is the benchmark's own too, with its copies of the answers: it holds more than a desktop core alone.
   */
  rssBytes: 1e9,
  /** Share of the core worker's time taken by the live panels, at the largest size. */
  coreBusy: 0.1,
  /** A new order, against shipping the whole list once (at every size). */
  freshWindowRatio: 0.25,
  /** The next block while scrolling, against the whole list (at every size). */
  scrollBlockRatio: 0.02,
} as const;
