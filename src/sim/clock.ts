/**
 * The demo runs in real time, so its figures look like a county's: at a faster speed every real hour holds
 * `speed` hours of arrivals, and the hour-by-hour figures show a burst no county has.
 */
export const DEMO_SPEED = 1;

/**
 * Simulated time: seconds since the run began, running `speed` times faster than the wall clock. The hub
 * keeps real time; simulated time only paces what the simulator does and decides the hour of the day.
 */
export class SimClock {
  private readonly startedAt: number;

  constructor(
    readonly speed: number,
    readonly startMinuteOfDay: number,
    private readonly realNow: () => number = Date.now,
  ) {
    if (!(speed > 0)) throw new Error(`the speed must be a positive number, got ${speed}`);
    this.startedAt = realNow();
  }

  /** Simulated seconds since the start. */
  now(): number {
    return ((this.realNow() - this.startedAt) / 1000) * this.speed;
  }

  /** Simulated seconds that `realMs` of wall-clock time amount to. */
  simSecondsIn(realMs: number): number {
    return (realMs / 1000) * this.speed;
  }

  /** Hour of the (simulated) day at simulated second `t`. */
  hourAt(t: number): number {
    return Math.floor((this.startMinuteOfDay * 60 + t) / 3600) % 24;
  }

  /** "第2天 09:05": the simulated day (from 1) and time of day, for logs. */
  describe(t: number): string {
    const minutes = Math.floor((this.startMinuteOfDay * 60 + t) / 60);
    const day = Math.floor(minutes / 1440) + 1;
    const hh = String(Math.floor(minutes / 60) % 24).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `第${day}天 ${hh}:${mm}`;
  }
}
