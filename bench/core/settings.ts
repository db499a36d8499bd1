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
  catchUpSeconds: 3,
  startToReadySeconds: 1,
} as const;
