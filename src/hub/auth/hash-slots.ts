export class HashingBusyError extends Error {
  constructor() {
    super('too many sign-ins are being checked at once');
  }
}

/**
 * A small semaphore for password hashing: each scrypt takes 128 MiB and a core for a good part of a
 * second, so a burst of sign-ins waits in a short queue, and beyond it is refused at once (503) instead of
 * exhausting the hub's memory.
 */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queueLimit: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) this.running += 1;
    else if (this.waiting.length >= this.queueLimit) throw new HashingBusyError();
    // A slot is handed over by the one finishing, without `running` dropping in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
