import { describe, expect, it } from 'vitest';
import {
  applyAction,
  LIFECYCLE_ACTION_TYPES,
  STAGE_LABELS,
  STAGES,
  type LifecycleActionType,
  type Stage,
} from '../../src/domain';
import { contextFor, incidentIn, SAMPLE_ACTIONS } from './fixtures';

/**
 * The whole machine, written out by hand: the stage each action leads to, or `null` where it is
 * refused. A change to the transition table must be mirrored here on purpose.
 */
const ACTIONS = [
  'report',
  'assess',
  'assign',
  'acknowledge',
  'escalate',
  'issueSupervisionNotice',
  'resolve',
  'recordFollowUp',
  'close',
] as const satisfies readonly LifecycleActionType[];

// prettier-ignore
const EXPECTED: Record<Stage, readonly (Stage | null)[]> = {
  //           report    assess    assign    acknowledge  escalate     notice       resolve     followUp   close
  sense:     ['report', null,     null,     null,        null,        null,        null,       null,      'closed'],
  report:    [null,     'assess', null,     null,        null,        null,        null,       null,      'closed'],
  assess:    [null,     null,     'assign', null,        null,        null,        null,       null,      'closed'],
  assign:    [null,     null,     null,     'resolve',   'supervise', 'supervise', null,       null,      null],
  resolve:   [null,     null,     null,     'resolve',   'supervise', 'supervise', 'followUp', null,      null],
  supervise: [null,     null,     null,     'supervise', null,        'supervise', 'followUp', null,      null],
  followUp:  [null,     null,     null,     null,        null,        null,        null,       'closed',  'closed'],
  closed:    [null,     null,     null,     null,        null,        null,        null,       null,      null],
};

const matrix = STAGES.flatMap((stage) =>
  ACTIONS.map((action, column) => ({ stage, action, expected: EXPECTED[stage][column] ?? null })),
);

describe('the lifecycle state machine', () => {
  it('is tested against every stage and every action the domain defines', () => {
    expect([...ACTIONS].sort()).toEqual([...LIFECYCLE_ACTION_TYPES].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...STAGES].sort());
  });

  it.each(matrix.filter((cell) => cell.expected !== null))(
    'in stage $stage, $action leads to $expected',
    ({ stage, action, expected }) => {
      const result = applyAction(incidentIn(stage), SAMPLE_ACTIONS[action], contextFor('commander'));
      expect(result).toMatchObject({ ok: true, incident: { stage: expected } });
    },
  );

  it.each(matrix.filter((cell) => cell.expected === null))(
    'in stage $stage, $action is refused with a reason naming both',
    ({ stage, action }) => {
      const result = applyAction(incidentIn(stage), SAMPLE_ACTIONS[action], contextFor('commander'));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe('illegal-in-stage');
      expect(result.reason).toContain(`${action} is not allowed in stage ${stage}`);
      expect(result.reason).toContain(STAGE_LABELS[stage].zh);
    },
  );
});
