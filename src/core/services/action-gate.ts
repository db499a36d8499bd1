import { wording, WordedError } from '../../domain/wording';
import type { IdleLock } from './idle-lock';

/**
 * Whether the screen may act now: change something, export, print or unmask. A wall display never may; an
 * operator's screen may not while it is locked. Reads are not asked, so a locked wall keeps showing.
 */
export class ActionGate {
  constructor(
    private readonly lock: Pick<IdleLock, 'isLocked'>,
    private readonly role: () => string | undefined,
  ) {}

  /** Refuses `what` (a method, for the developer's message) on a wall or a locked screen. */
  requireMayAct(what: string): void {
    if (this.role() === 'wall') {
      throw new WordedError(wording('displayOnly', {}, `${what}: a wall display shows, it does not act`));
    }
    if (this.lock.isLocked()) {
      throw new WordedError(
        wording('screenLocked', {}, `${what}: the screen is locked until the password is given`),
      );
    }
  }
}
