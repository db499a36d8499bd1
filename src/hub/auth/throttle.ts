/**
 * Sign-in attempts per key (a client address, an account name) in a sliding window, counted before any
 * password is hashed. The map holds at most `maxKeys` keys, the least recently used going first, so a flood
 * of made-up names cannot grow memory without limit.
 */
export class AttemptThrottle {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. Counts nothing. */
  waitFor(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return Math.max(1, Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000));
  }

  /** Counts an attempt of `key`. */
  count(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    // Re-inserted, so the map's order is least recently used first.
    this.attempts.delete(key);
    this.attempts.set(key, recent);
    while (this.attempts.size > this.maxKeys) this.attempts.delete(this.attempts.keys().next().value!);
  }

  /** Gives back the latest attempt of `key`: a sign-in that worked counts against nobody. */
  refund(key: string): void {
    this.attempts.get(key)?.pop();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    return (this.attempts.get(key) ?? []).filter((at) => at > since);
  }
}
