import { describe, expect, it } from 'vitest';
import {
  chinaClockMinute,
  cleanTypedText,
  draftIncidentCommand,
  instantOfChinaClock,
  operatorCommandSchema,
  wording,
  type DraftingBase,
  type DraftOutcome,
  type IncidentActionChoice,
  type IncidentFormValues,
  type Wording,
} from '../../src/domain';

const CASE: DraftingBase = { incident: { id: 'inc-1', version: 7, kind: 'case' }, gridWorkers: [] };
const DISPUTE: DraftingBase = {
  incident: { id: 'inc-2', version: 3, kind: 'dispute' },
  gridWorkers: ['李红', '王强'],
};
const REASON = '超期未办，需督办';

/** A form as it opens: nothing typed, nothing chosen but the defaults the form offers. */
const BLANK: IncidentFormValues = {
  text: '',
  riskLevel: 'medium',
  unitIds: [],
  deadline: '2026-03-04T17:30',
  unitId: '',
  difficulty: '',
  resolver: '',
  satisfaction: 'satisfied',
};

const values = (changes: Partial<IncidentFormValues>): IncidentFormValues => ({ ...BLANK, ...changes });
const envelope = (base: DraftingBase) => ({
  incidentId: base.incident.id,
  baseVersion: base.incident.version,
});

function problemsOf(outcome: DraftOutcome): [string, Wording][] {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(false);
  return outcome.ok ? [] : outcome.problems.map((problem) => [problem.field, problem.words]);
}

function draftOf(outcome: DraftOutcome) {
  expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
  return outcome.ok ? outcome.draft : undefined;
}

type Good = [
  string,
  IncidentActionChoice,
  DraftingBase,
  Partial<IncidentFormValues>,
  Record<string, unknown>,
];

describe('drafting a command from an incident’s action form', () => {
  it.each<Good>([
    ['a report without a note', 'report', CASE, {}, { type: 'report', ...envelope(CASE) }],
    [
      'a report with a note',
      'report',
      CASE,
      { text: ' 已核实录像 ' },
      { type: 'report', ...envelope(CASE), note: '已核实录像' },
    ],
    [
      'an assessment',
      'assess',
      CASE,
      { riskLevel: 'high', text: '涉及人数多' },
      { type: 'assess', ...envelope(CASE), riskLevel: 'high', note: '涉及人数多' },
    ],
    [
      'an assignment, its deadline read as China time',
      'assign',
      CASE,
      { unitIds: ['u-1', 'u-2'], deadline: '2026-03-04T17:30' },
      { type: 'assign', ...envelope(CASE), unitIds: ['u-1', 'u-2'], deadline: '2026-03-04T09:30:00.000Z' },
    ],
    [
      'an acknowledgement',
      'acknowledge',
      CASE,
      { unitId: 'u-1' },
      { type: 'acknowledge', ...envelope(CASE), unitId: 'u-1' },
    ],
    [
      'an escalation',
      'escalate',
      CASE,
      { text: REASON },
      { type: 'escalate', ...envelope(CASE), reason: REASON },
    ],
    [
      'a supervision notice',
      'issueSupervisionNotice',
      CASE,
      { text: REASON },
      { type: 'issueSupervisionNotice', ...envelope(CASE), requirement: REASON },
    ],
    [
      'a case resolved ungraded',
      'resolve',
      CASE,
      { text: REASON },
      { type: 'resolve', ...envelope(CASE), summary: REASON },
    ],
    [
      'a dispute resolved, graded and its mediator named',
      'resolve',
      DISPUTE,
      { text: REASON, difficulty: 'complex', resolver: '王强' },
      { type: 'resolve', ...envelope(DISPUTE), summary: REASON, difficulty: 'complex', resolver: '王强' },
    ],
    [
      'a dispute resolved where the grid keeps no roll',
      'resolve',
      { ...DISPUTE, gridWorkers: [] },
      { text: REASON, difficulty: 'simple' },
      { type: 'resolve', ...envelope(DISPUTE), summary: REASON, difficulty: 'simple' },
    ],
    [
      'a follow-up with no note',
      'recordFollowUp',
      CASE,
      { satisfaction: 'dissatisfied' },
      { type: 'recordFollowUp', ...envelope(CASE), satisfaction: 'dissatisfied', note: '' },
    ],
    ['a closure', 'close', CASE, { text: REASON }, { type: 'close', ...envelope(CASE), reason: REASON }],
    [
      'a note, on no version',
      'addNote',
      CASE,
      { text: '已电话联系' },
      { type: 'addNote', incidentId: 'inc-1', text: '已电话联系' },
    ],
  ])('%s', (_name, action, base, changes, expected) => {
    const draft = draftOf(draftIncidentCommand(action, values(changes), base));
    expect(draft).toEqual(expected);
    // What is drafted is what the hub accepts once it has its id.
    expect(operatorCommandSchema.safeParse({ ...draft, commandId: crypto.randomUUID() }).success).toBe(true);
  });
});

describe('a form that drafts no command', () => {
  type Bad = [string, IncidentActionChoice, DraftingBase, Partial<IncidentFormValues>, [string, Wording][]];
  const tooShort = wording('fieldTooShort', { minimum: 4 });
  it.each<Bad>([
    ['an assignment to no unit', 'assign', CASE, {}, [['unitIds', wording('fieldRequired')]]],
    [
      'an assignment due on 30 February',
      'assign',
      CASE,
      { unitIds: ['u-1'], deadline: '2026-02-30T17:30' },
      [['deadline', wording('fieldInvalid')]],
    ],
    [
      'an assignment with no deadline',
      'assign',
      CASE,
      { unitIds: ['u-1'], deadline: '' },
      [['deadline', wording('fieldInvalid')]],
    ],
    [
      'an assignment to the same unit twice',
      'assign',
      CASE,
      { unitIds: ['u-1', 'u-1'] },
      [['unitIds', wording('fieldInvalid')]],
    ],
    ['an acknowledgement naming no unit', 'acknowledge', CASE, {}, [['unitId', wording('fieldRequired')]]],
    [
      'an assessment at an unknown level',
      'assess',
      CASE,
      { riskLevel: 'extreme' as 'high' },
      [['riskLevel', wording('fieldInvalid')]],
    ],
    ['an escalation without a reason', 'escalate', CASE, {}, [['text', tooShort]]],
    ['an escalation with a placeholder reason', 'escalate', CASE, { text: ' 无 ' }, [['text', tooShort]]],
    [
      'a supervision notice without a requirement',
      'issueSupervisionNotice',
      CASE,
      { text: '办' },
      [['text', tooShort]],
    ],
    ['a closure without a reason', 'close', CASE, {}, [['text', tooShort]]],
    ['a case resolved without a summary', 'resolve', CASE, {}, [['text', tooShort]]],
    [
      'a dispute resolved ungraded and unnamed',
      'resolve',
      DISPUTE,
      { text: REASON },
      [
        ['difficulty', wording('disputeNeedsDifficulty')],
        ['resolver', wording('fieldRequired')],
      ],
    ],
    [
      'a dispute resolved by someone not on the grid’s roll',
      'resolve',
      DISPUTE,
      { text: REASON, difficulty: 'simple', resolver: '张三' },
      [['resolver', wording('fieldInvalid')]],
    ],
    [
      'a follow-up with an unknown verdict',
      'recordFollowUp',
      CASE,
      { satisfaction: 'thrilled' as 'satisfied' },
      [['satisfaction', wording('fieldInvalid')]],
    ],
    ['an empty note', 'addNote', CASE, { text: '   ' }, [['text', wording('fieldTooShort', { minimum: 1 })]]],
  ])('refuses %s, saying which field and why', (_name, action, base, changes, expected) => {
    expect(problemsOf(draftIncidentCommand(action, values(changes), base))).toEqual(expected);
  });
});

describe('hostile text in a form', () => {
  const ZERO_WIDTH = '\u200B\u200C\u200D\u2060\uFEFF';
  const LONG = '督'.repeat(10_000);
  const TEXT_ACTIONS: [IncidentActionChoice, DraftingBase, Partial<IncidentFormValues>, number][] = [
    ['report', CASE, {}, 2000],
    ['assess', CASE, {}, 2000],
    ['acknowledge', CASE, { unitId: 'u-1' }, 2000],
    ['escalate', CASE, {}, 500],
    ['issueSupervisionNotice', CASE, {}, 500],
    ['resolve', DISPUTE, { difficulty: 'simple', resolver: '李红' }, 500],
    ['recordFollowUp', CASE, {}, 2000],
    ['close', CASE, {}, 500],
    ['addNote', CASE, {}, 2000],
  ];

  it.each(TEXT_ACTIONS)(
    '%s: NUL and other controls are dropped, line breaks kept',
    (action, base, changes) => {
      const draft = draftOf(
        draftIncidentCommand(action, values({ ...changes, text: '超期\u0000未办\u0007\n需督办' }), base),
      );
      expect(Object.values(draft!)).toContain('超期未办\n需督办');
    },
  );

  it.each(TEXT_ACTIONS)('%s: a text of only zero-width characters is no text', (action, base, changes) => {
    const outcome = draftIncidentCommand(action, values({ ...changes, text: ZERO_WIDTH.repeat(4) }), base);
    if (outcome.ok)
      expect(Object.values(outcome.draft).some((value) => String(value).includes('\u200B'))).toBe(false);
    else expect(outcome.problems.map((problem) => problem.field)).toEqual(['text']);
  });

  it.each(TEXT_ACTIONS)(
    '%s: a 10,000-character text is refused at its limit',
    (action, base, changes, maximum) => {
      expect(problemsOf(draftIncidentCommand(action, values({ ...changes, text: LONG }), base))).toEqual([
        ['text', wording('fieldTooLong', { maximum })],
      ]);
    },
  );

  it('a reason padded with zero-width characters counts only what can be read', () => {
    expect(cleanTypedText(`${ZERO_WIDTH}督办${ZERO_WIDTH}`)).toBe('督办');
    expect(
      problemsOf(draftIncidentCommand('escalate', values({ text: `督${ZERO_WIDTH}办${ZERO_WIDTH}` }), CASE)),
    ).toEqual([['text', wording('fieldTooShort', { minimum: 4 })]]);
  });

  it('bidirectional overrides cannot reorder what a reader sees', () => {
    expect(cleanTypedText('\u202E办督限超\u202C')).toBe('办督限超');
  });
});

describe('China wall-clock minutes in a form', () => {
  it('reads a minute as China time and writes an instant back, whatever the machine’s zone', () => {
    expect(instantOfChinaClock('2026-03-02T01:30')).toBe('2026-03-01T17:30:00.000Z');
    expect(chinaClockMinute('2026-03-01T17:30:00.000Z')).toBe('2026-03-02T01:30');
  });

  it.each([
    '2026-02-30T10:00',
    '2026-03-02T24:00',
    '2026-03-02 10:00',
    '2026-03-02T10:00:00',
    '',
    'tomorrow',
  ])('names no minute with %j', (clock) => expect(instantOfChinaClock(clock)).toBeNull());
});
