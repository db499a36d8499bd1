import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SLA,
  addChinaDays,
  buildHandoverReview,
  chinaDayStart,
  deadlineFor,
  handoverReviewSchema,
  shiftSchema,
  type Incident,
} from '../../src/domain';
import { COUNTY, TAIHE, XIAGUAN, simulateDays, type Step } from '../support/simulated-days';

/**
 * Shifts of the last of nine simulated days of 大理市; 太和街道 goes to wartime at 10:00 that day. Every group
 * is worked out again here from the generator's own record of each incident, never from the event log.
 */
const DAY = '2026-03-10';
const log = simulateDays('handover-shifts', DAY, 9);
const HOUR = 3_600_000;
const DAY_SHIFT = {
  start: new Date(chinaDayStart(DAY) + 8 * HOUR).toISOString(),
  end: new Date(chinaDayStart(DAY) + 20 * HOUR).toISOString(),
};
const NIGHT_SHIFT = {
  start: new Date(chinaDayStart(addChinaDays(DAY, -1)) + 20 * HOUR).toISOString(),
  end: DAY_SHIFT.start,
};

function modeAt(incident: Incident, at: number) {
  return at >= Date.parse(log.wartime.since) && incident.jurisdictionCode.startsWith(TAIHE)
    ? 'wartime'
    : 'peacetime';
}

function deadlineAt(incident: Incident, modeInstant: number): number | null {
  const deadline = deadlineFor(incident, incident.stage, modeAt(incident, modeInstant), DEFAULT_SLA);
  return deadline === null ? null : Date.parse(deadline);
}

interface Truth {
  new: string[];
  escalated: string[];
  resolved: string[];
  alarms: string[];
  goneOverdue: string[];
  stillOpen: { id: string; deadline: number | null; overdue: boolean }[];
}

/** The shift's groups from the incidents' recorded steps. */
function truthOf(scope: string, shift: { start: string; end: string }, now = Infinity): Truth {
  const start = Date.parse(shift.start);
  const asOf = Math.min(Date.parse(shift.end) - 1, now);
  const within = (step: Step) => step.incident.jurisdictionCode.startsWith(scope);
  const during = (step: Step) => step.at >= start && step.at <= asOf && within(step);
  const histories = log.histories.filter((history) => within(history[0]!));
  const ids = (keep: (step: Step) => boolean) =>
    histories.flatMap((history) =>
      history.filter((step) => during(step) && keep(step)).map((s) => s.incident.id),
    );

  const goneOverdue = new Set<string>();
  for (const history of histories) {
    history.forEach((step, index) => {
      if (step.at > asOf || step.incident.stage === 'closed') return;
      const following = history[index + 1]?.at;
      // The incident is looked at again when it next changes, or at the end of the shift.
      const [checkedAt, modeInstant] =
        following !== undefined && following <= asOf ? [following, following - 1] : [asOf, asOf];
      if (checkedAt < start) return;
      const deadline = deadlineAt(step.incident, modeInstant);
      if (deadline !== null && deadline >= start && deadline < checkedAt)
        goneOverdue.add(`${step.incident.id}/${step.incident.stage}/${deadline}`);
    });
  }

  const stillOpen = histories
    .map((history) => history.filter((step) => step.at <= asOf).at(-1))
    .filter((step): step is Step => step !== undefined && step.incident.stage !== 'closed')
    .map((step) => {
      const deadline = deadlineAt(step.incident, asOf);
      return { id: step.incident.id, deadline, overdue: deadline !== null && asOf > deadline };
    });

  return {
    new: ids((step) => step.action === 'open'),
    escalated: ids((step) => step.action === 'escalate' || step.action === 'issueSupervisionNotice'),
    resolved: ids((step) => step.action === 'resolve'),
    alarms: ids((step) => step.action === 'open' && step.incident.source === 'camera-alarm'),
    goneOverdue: [...goneOverdue].map((key) => key.split('/')[0]!),
    stillOpen,
  };
}

const sorted = (values: readonly string[]) => [...values].sort();

describe('the handover review of a shift', () => {
  it.each([
    { what: 'the county, day shift with the wartime switch', scope: COUNTY, shift: DAY_SHIFT },
    { what: 'the county, night shift', scope: COUNTY, shift: NIGHT_SHIFT },
    { what: 'the township at war', scope: TAIHE, shift: DAY_SHIFT },
    { what: 'a township at peace', scope: XIAGUAN, shift: DAY_SHIFT },
  ])('groups what happened as the incidents recorded it: $what', ({ scope, shift }) => {
    const review = buildHandoverReview({ events: log.events, scope, shift, now: Infinity });
    const truth = truthOf(scope, shift);
    expect(handoverReviewSchema.parse(review)).toEqual(review);

    expect(sorted(review.new.map((item) => item.incidentId))).toEqual(sorted(truth.new));
    expect(sorted(review.escalated.map((item) => item.incidentId))).toEqual(sorted(truth.escalated));
    expect(sorted(review.resolved.map((item) => item.incidentId))).toEqual(sorted(truth.resolved));
    expect(sorted(review.alarms.map((item) => item.incidentId))).toEqual(sorted(truth.alarms));
    expect(sorted(review.goneOverdue.map((item) => item.incidentId))).toEqual(sorted(truth.goneOverdue));
    expect(
      review.stillOpen.map((item) => ({
        id: item.incidentId,
        deadline: item.deadline === null ? null : Date.parse(item.deadline),
        overdue: item.overdue,
      })),
    ).toEqual(expect.arrayContaining(truth.stillOpen));
    expect(review.stillOpen).toHaveLength(truth.stillOpen.length);
    // Every group is non-trivial on a busy county shift, so the comparison means something.
    if (scope === COUNTY) {
      for (const group of ['new', 'resolved', 'goneOverdue', 'stillOpen'] as const)
        expect(review[group].length, group).toBeGreaterThan(0);
    }
  });

  it('shows the wartime switch to the county and the township, not to the township beside it', () => {
    const switchesFor = (scope: string) =>
      buildHandoverReview({ events: log.events, scope, shift: DAY_SHIFT, now: Infinity }).modeSwitches;
    expect(switchesFor(COUNTY)).toEqual([
      expect.objectContaining({ jurisdictionCode: TAIHE, mode: 'wartime', previous: 'peacetime' }),
    ]);
    expect(switchesFor(TAIHE)).toHaveLength(1);
    expect(switchesFor(XIAGUAN)).toEqual([]);
  });

  it('reads a shift still running up to now', () => {
    const now = Date.parse(DAY_SHIFT.start) + 3 * HOUR;
    const review = buildHandoverReview({ events: log.events, scope: COUNTY, shift: DAY_SHIFT, now });
    const truth = truthOf(COUNTY, DAY_SHIFT, now);
    expect(review.asOf).toBe(new Date(now).toISOString());
    expect(sorted(review.new.map((item) => item.incidentId))).toEqual(sorted(truth.new));
    expect(sorted(review.goneOverdue.map((item) => item.incidentId))).toEqual(sorted(truth.goneOverdue));
    expect(review.stillOpen).toHaveLength(truth.stillOpen.length);
  });

  it('lists what is still open overdue first, then by deadline', () => {
    const { stillOpen } = buildHandoverReview({
      events: log.events,
      scope: COUNTY,
      shift: DAY_SHIFT,
      now: Infinity,
    });
    const firstOnTime = stillOpen.findIndex((item) => !item.overdue);
    expect(stillOpen.slice(firstOnTime).every((item) => !item.overdue)).toBe(true);
    const deadlines = stillOpen
      .slice(firstOnTime)
      .flatMap((item) => (item.deadline === null ? [] : [Date.parse(item.deadline)]));
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
  });

  it.each([
    { what: 'a shift ending before it starts', shift: { start: DAY_SHIFT.end, end: DAY_SHIFT.start } },
    {
      what: 'a shift of 25 hours',
      shift: { start: DAY_SHIFT.start, end: new Date(Date.parse(DAY_SHIFT.start) + 25 * HOUR).toISOString() },
    },
    { what: 'a shift without a time zone', shift: { start: '2026-03-10 08:00', end: DAY_SHIFT.end } },
  ])('refuses $what with a reason', ({ shift }) => {
    const parsed = shiftSchema.safeParse(shift);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/\w+/);
  });
});
