/** What the latency benchmark runs; every comparison is made within one run. */
export const LATENCY_BENCH = {
  /**
   * 古浪: a county, so that seeding it and the first catch-up stay short on a busy two-core machine; what is
   * measured (a report's way to the screen, a catch-up beneath it, a long queue) does not depend on the size
   * of the inventory. The reports are filed in its first village, which the map shows at the zoom below.
   */
  region: 'gulang',
  viewport: { width: 1920, height: 1080 },
  zoom: 13,
  /** Reports filed on a line that is up to date: the baseline. */
  baselineReports: 3,
  /** Days of history the core is behind by when a report is filed; each catches up once. */
  historyDays: [1, 7],
  /** After the line is back: the report is filed this long after the core reconnected, while it catches up. */
  reportAfterReconnectMs: 300,
  /** How long a report may take to be drawn before the benchmark gives up on it. */
  giveUpAfterMs: 180_000,
  /** Queue sizes scrolled, and the flicks per size; the baseline is the same time with no scrolling. */
  queueSizes: [1_000, 10_000, 50_000],
  flicksPerSize: 3,
} as const;

/** The README's claim: a report reaches the wall map within 2 s, history catching up or not. */
export const LATENCY_TARGETS = { reportToPixelMs: 2_000 } as const;
