import { HashSlots, HashingBusyError } from './hash-slots';
import type { Refusal } from './session-check';
import { AttemptThrottle } from './throttle';

export interface SignInLimits {
  /** Attempts a client address may make per window, and an account name. */
  perAddress: number;
  perName: number;
  windowMs: number;
  /** Passwords hashed at once, and checks waiting for a turn; beyond both the hub answers 503. */
  hashConcurrency: number;
  hashQueue: number;
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  perAddress: 20,
  perName: 10,
  windowMs: 60_000,
  hashConcurrency: 2,
  hashQueue: 8,
};

/** Keys kept per throttle: enough for a region's accounts and clients, bounded against made-up names. */
const MAX_KEYS = 10_000;

export interface GateRefusal extends Refusal {
  retryAfter?: number;
  /** Problems with a new password, as codes with parameters. */
  words?: { code: string; params: Record<string, string | number> }[];
}
export type Gated<T> = { ok: true; value: T } | { ok: false; refusal: GateRefusal };

/**
 * What every password check passes first, before any hashing: the throttles per client address and per
 * account name (429), then a hashing slot (503). An attempt that succeeds is given back to the throttles.
 */
export class SignInGate {
  private readonly byAddress: AttemptThrottle;
  private readonly byName: AttemptThrottle;
  private readonly slots: HashSlots;

  constructor(limits: SignInLimits) {
    this.byAddress = new AttemptThrottle(limits.perAddress, limits.windowMs, MAX_KEYS);
    this.byName = new AttemptThrottle(limits.perName, limits.windowMs, MAX_KEYS);
    this.slots = new HashSlots(limits.hashConcurrency, limits.hashQueue);
  }

  async pass<T>(address: string, name: string, work: () => Promise<Gated<T>>): Promise<Gated<T>> {
    const nameKey = name.trim().toLowerCase();
    const wait = Math.max(this.byAddress.waitFor(address), this.byName.waitFor(nameKey));
    if (wait > 0) {
      const message = 'too many sign-in attempts: wait, then try again';
      return { ok: false, refusal: { status: 429, code: 'too-many-attempts', message, retryAfter: wait } };
    }
    this.byAddress.count(address);
    this.byName.count(nameKey);
    const giveBack = () => {
      this.byAddress.refund(address);
      this.byName.refund(nameKey);
    };
    try {
      const result = await this.slots.run(work);
      if (result.ok) giveBack();
      return result;
    } catch (error) {
      if (!(error instanceof HashingBusyError)) throw error;
      giveBack();
      const message = 'the hub is checking many sign-ins: try again in a moment';
      return { ok: false, refusal: { status: 503, code: 'busy', message, retryAfter: 1 } };
    }
  }
}
