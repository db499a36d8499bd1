/** What the wall-load benchmark measures, and the targets it is held to. */
export const WALL_BENCH = {
  viewport: { width: 1920, height: 1080 },
  /** Open incidents on the wall at each size, by default; `--incidents` changes them. */
  sizes: [10_000, 50_000, 200_000],
  maxSize: 1_000_000,
  /** Reloads of the page measured at each size. */
  rounds: 3,
  /** Reports per ingest request: the most the hub's ingest API takes in one. */
  reportsPerRequest: 500,
} as const;

export const WALL_TARGETS = {
  /** From the map asking for its incidents to the first frame with incidents on it, at the largest size. */
  firstFrameMs: 1_000,
  /** Log-log slope of that time against the open incidents, smallest to largest size. */
  slope: 0.1,
} as const;
