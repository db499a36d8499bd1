/** Done/total, rate and time left of a catch-up, for the progress bar. */
export interface CatchUpProgress {
  done: number;
  total: number;
  eventsPerSecond: number;
  secondsLeft: number | null;
}

/** Tracks a catch-up from `from` to `to` (seqs) as the cursor advances. */
export class CatchUpTracker {
  private readonly startedAt = Date.now();

  constructor(
    private readonly from: number,
    private readonly to: number,
  ) {}

  progress(cursor: number): CatchUpProgress {
    const total = Math.max(0, this.to - this.from);
    const done = Math.min(total, Math.max(0, cursor - this.from));
    const seconds = (Date.now() - this.startedAt) / 1000;
    const eventsPerSecond = seconds > 0 ? done / seconds : 0;
    const secondsLeft = eventsPerSecond > 0 ? (total - done) / eventsPerSecond : null;
    return { done, total, eventsPerSecond: Math.round(eventsPerSecond), secondsLeft };
  }

  /** A batch starting at or beyond the catch-up's end is live: the catch-up does not hold it. */
  isLive(batchAfter: number): boolean {
    return batchAfter >= this.to;
  }

  finished(cursor: number): boolean {
    return cursor >= this.to;
  }
}
