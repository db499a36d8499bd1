/** What the soak benchmark's child is told, and what it reports. */
export interface SoakChildConfig {
  cacheFile: string;
  /** Incidents the cache holds: the updates' incidents are numbered on from there. */
  incidents: number;
  updatesPerSecond: number;
  seconds: number;
  sampleSeconds: number;
}

export interface MemorySample {
  /** Seconds since the updates began. */
  t: number;
  rssBytes: number;
  heapBytes: number;
}

export type SoakMessage =
  | { type: 'sample'; sample: MemorySample }
  | { type: 'done'; updates: number; end: MemorySample; afterGc: MemorySample };
