/** What the hub benchmark runs and the targets it is held to. */
export const HUB_BENCH = {
  forces: 2000,
  /** Distinct points the positions cycle through. */
  positionPoints: 500,
  clients: 100,
  eventsPerSecond: 2000,
  defaultDurationSeconds: 60,
  replayEvents: 100_000,
  replayRepetitions: 3,
  saturationEvents: 10_000,
  /** Each round measures both deliveries back to back, so that both see the same machine. */
  saturationRounds: 2,
} as const;

export const HUB_TARGETS = {
  p99LatencyMs: 100,
  rssGrowth: 0.05,
  batchedSpeedup: 5,
  replayEventsPerSecond: 50_000,
} as const;
