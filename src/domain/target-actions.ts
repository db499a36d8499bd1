import { authorityFailure, type CentreContext, type CentreResult } from './centre-actions';
import { chinaDayOf } from './china-day';
import { refuse } from './refusal';
import { wording } from './wording';
import type { Target, TargetEntry } from './target';
import { toMillis } from './time';

/**
 * A commander registers a dangerous object or a sensitive place, or corrects its entry. An entry already on the
 * register can only be replaced by an account whose scope holds it, so nobody moves a target out of a
 * jurisdiction they do not run.
 */
export function registerTarget(
  current: Target | null,
  entry: TargetEntry,
  { actor, at }: CentreContext,
): CentreResult<Target> {
  const failure =
    authorityFailure('manage-targets', entry.jurisdictionCode, actor) ??
    (current && authorityFailure('manage-targets', current.jurisdictionCode, actor));
  if (failure) return failure;
  if (entry.kind === 'dangerous-object' && entry.lastInspectedOn > chinaDayOf(toMillis(at))) {
    return refuse(
      'precondition-failed',
      `the last inspection of ${entry.id} (${entry.lastInspectedOn}) cannot lie after today`,
      wording('inspectionInFuture'),
    );
  }
  const target = { ...entry, registeredBy: actor.id, registeredAt: at, removal: null } as Target;
  return {
    ok: true,
    value: target,
    events: [{ type: 'target.registered', jurisdiction: target.jurisdictionCode, at, payload: { target } }],
  };
}

/** Takes a target off the register, with the reason (已搬迁, 已停业 …); registering it again puts it back. */
export function removeTarget(
  current: Target,
  request: { reason: string },
  { actor, at }: CentreContext,
): CentreResult<Target> {
  const failure = authorityFailure('manage-targets', current.jurisdictionCode, actor);
  if (failure) return failure;
  if (current.removal) {
    return refuse(
      'precondition-failed',
      `${current.kind} ${current.id} was already taken off the register by ${current.removal.by} at ${current.removal.at}`,
      wording('targetAlreadyRemoved', { at: current.removal.at }),
    );
  }
  const target: Target = { ...current, removal: { by: actor.id, at, reason: request.reason } };
  return {
    ok: true,
    value: target,
    events: [{ type: 'target.removed', jurisdiction: target.jurisdictionCode, at, payload: { target } }],
  };
}
