import { locksWhenIdle } from '../../domain';

/** The security policy's idle timeout when the hub's sign-in answer does not give one. */
export const DEFAULT_IDLE_TIMEOUT_MINUTES = 30;

export interface IdleLockState {
  locked: boolean;
  /** When the screen locked; null while it is not. */
  lockedSince: string | null;
  idleTimeoutMinutes: number;
}

export interface IdleLockOptions {
  /** The clock the timeout is measured by; tests move it instead of waiting half an hour. */
  now: () => number;
  /** The signed-in role; undefined before anybody has signed in (nothing to lock). */
  role: () => string | undefined;
  /** The timeout the hub's security policy set at sign-in, if it said. */
  timeoutMinutes: () => number | undefined;
}

/**
 * The operator screen's idle lock (等保 2.0: 会话超时锁定). The core holds it, not the renderer, so a screen
 * that is left open refuses actions whatever its page does. Only real input counts as activity; once the
 * timeout has passed the screen stays locked until the password is given again, whatever input follows.
 */
export class IdleLock {
  private lastActivity: number;
  private lockedAt: number | null = null;

  constructor(private readonly options: IdleLockOptions) {
    this.lastActivity = options.now();
  }

  timeoutMinutes(): number {
    return this.options.timeoutMinutes() ?? DEFAULT_IDLE_TIMEOUT_MINUTES;
  }

  /** Whether the screen is locked now; the moment the timeout passes, it is. */
  isLocked(): boolean {
    const role = this.options.role();
    if (role === undefined || !locksWhenIdle(role)) return false;
    if (this.lockedAt !== null) return true;
    const deadline = this.lastActivity + this.timeoutMinutes() * 60_000;
    if (this.options.now() >= deadline) this.lockedAt = deadline;
    return this.lockedAt !== null;
  }

  /** The operator touched the screen: the timeout starts again, unless it has already passed. */
  activity(): void {
    if (!this.isLocked()) this.lastActivity = this.options.now();
  }

  /** The password was given again. */
  unlock(): void {
    this.lockedAt = null;
    this.lastActivity = this.options.now();
  }

  state(): IdleLockState {
    const locked = this.isLocked();
    return {
      locked,
      lockedSince: locked && this.lockedAt !== null ? new Date(this.lockedAt).toISOString() : null,
      idleTimeoutMinutes: this.timeoutMinutes(),
    };
  }
}
