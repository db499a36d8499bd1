/** What the desktop-core benchmark measures, and the targets it is held to. */
export const CORE_BENCH = {
  /** Events applied per measurement of the apply rate (force movements: the stream's most common event). */
  applyEvents: 50_000,
  applyRepetitions: 3,
  applyBatch: 5_000,
  catchUpEvents: 100_000,
  forces: 2_000,
  /** A full Dali cache: the seeded inventory plus this many open incidents. */
  openIncidents: 20_000,
  startRepetitions: 3,
} as const;

export const CORE_TARGETS = {
  applyRatioToRawInserts: 0.8,
  /** 100,000 events from a hub into an empty cache. */
  catchUpSeconds: 1.5,
  /** The catch-up's rate against inserting the same events one row each, in the same run. */
  catchUpRatioToRawRows: 0.8,
  startToReadySeconds: 1,
} as const;
