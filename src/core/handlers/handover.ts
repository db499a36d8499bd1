import {
  buildHandoverReview,
  CODE_LENGTH,
  toMillis,
  type Handover,
  type HandoverReview,
  type Shift,
} from '../../domain';
import type { NamesDirectory } from '../services/names-directory';
import type { CoreServices, HandlersFor } from './types';

function overlaps(handover: Handover, shift: Shift): boolean {
  return (
    toMillis(handover.shift.start) < toMillis(shift.end) &&
    toMillis(shift.start) < toMillis(handover.shift.end)
  );
}

/** What a handover review names: places, the units on its items, and the operators who signed. */
function reviewNames(
  names: NamesDirectory,
  review: HandoverReview,
  handovers: readonly Handover[],
): Record<string, string> {
  const items = [
    ...review.new,
    ...review.escalated,
    ...review.resolved,
    ...review.goneOverdue,
    ...review.alarms,
  ];
  const all = [...items, ...review.stillOpen];
  const villages = all.map((item) => item.jurisdictionCode.slice(0, CODE_LENGTH.village));
  const switched = review.modeSwitches.map((change) => change.jurisdictionCode);
  const named = names.places([review.scope, ...villages, ...switched]);
  names.addUnits(
    named,
    all.flatMap((item) => item.unitIds),
  );
  for (const handover of handovers)
    names.addAccounts(
      named,
      [handover.submittedBy, handover.acceptance?.by].filter((by): by is string => Boolean(by)),
    );
  names.addAccounts(
    named,
    review.modeSwitches.map((change) => change.by),
  );
  return named;
}

/** The review of a shift (交接班) with the handovers signed for it. */
export function handoverHandlers({
  queries,
  session,
  names,
}: Pick<CoreServices, 'queries' | 'session' | 'names'>): HandlersFor<'handover.review'> {
  return {
    'handover.review': async ({ shift, scope }) => {
      const within = session.scoped(scope);
      const review = buildHandoverReview({
        events: queries.briefingEvents(toMillis(shift.start), toMillis(shift.end)),
        scope: within,
        shift,
        now: Date.now(),
      });
      const handovers = queries
        .handovers(within)
        .filter((handover) => overlaps(handover, shift))
        .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
      return { review, handovers, names: reviewNames(names, review, handovers) };
    },
  };
}
