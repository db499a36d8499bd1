/** What the map benchmark measures, and the targets it is held to. */
export const MAP_BENCH = {
  viewport: { width: 1920, height: 1080 },
  /** Simulated time run before measuring, so that the map holds a day's incidents, not only the inventory. */
  warmUpSeconds: 20,
  warmUpSpeed: 2_880,
  /** The change applied to the camera layer, and how many times each way of applying it is timed. */
  changedFeatures: 1_000,
  applyRounds: 7,
  /** The live stream: changes per second posted to the hub, for how long; and a quiet stretch to compare. */
  streamChangesPerSecond: 200,
  streamSeconds: 30,
  quietSeconds: 10,
} as const;

export const MAP_TARGETS = {
  /** Main-thread time of an incremental change ÷ that of a plain setData of the same source. */
  applyRatio: 1 / 3,
  longestTaskMs: 50,
} as const;
