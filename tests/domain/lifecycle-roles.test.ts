import { describe, expect, it } from 'vitest';
import {
  availableActions,
  applyAction,
  ROLES,
  TRANSITIONS,
  type LifecycleActionType,
  type Role,
} from '../../src/domain';
import {
  contextFor,
  incidentIn,
  NEIGHBOURING_COUNTY,
  operatorWith,
  PREFECTURE,
  SAMPLE_ACTIONS,
} from './fixtures';

const EVERY_ACTION: readonly LifecycleActionType[] = [
  'report',
  'assess',
  'assign',
  'acknowledge',
  'escalate',
  'issueSupervisionNotice',
  'resolve',
  'recordFollowUp',
  'close',
];

/** Who may take which action, written out by hand. */
const MAY_TAKE: Record<Role, readonly LifecycleActionType[]> = {
  viewer: [],
  operator: EVERY_ACTION.filter((action) => action !== 'issueSupervisionNotice'),
  commander: EVERY_ACTION,
  // The three administrators (三员分立) and a wall screen work no incident.
  wall: [],
  sysadmin: [],
  secadmin: [],
  auditadmin: [],
};

/** Each legal move once, tried by each role. */
const attempts = TRANSITIONS.filter((t) => t.action !== 'recordFollowUp' || t.to === 'closed').flatMap((t) =>
  ROLES.map((role) => ({
    role,
    stage: t.from,
    action: t.action,
    allowed: MAY_TAKE[role].includes(t.action),
  })),
);

describe('roles on the lifecycle', () => {
  it.each(attempts.filter((a) => a.allowed))(
    'a $role may $action in stage $stage',
    ({ role, stage, action }) => {
      const result = applyAction(incidentIn(stage), SAMPLE_ACTIONS[action], contextFor(role));
      expect(result.ok).toBe(true);
    },
  );

  it.each(attempts.filter((a) => !a.allowed))(
    'a $role may not $action in stage $stage, and is told so',
    ({ role, stage, action }) => {
      const result = applyAction(incidentIn(stage), SAMPLE_ACTIONS[action], contextFor(role));
      expect(result).toEqual({
        ok: false,
        code: 'role-not-permitted',
        reason: `role ${role} may not ${action}`,
        words: { code: 'roleMayNot', params: { role, action } },
      });
    },
  );

  it('lists in each transition exactly the roles the permissions table grants', () => {
    for (const transition of TRANSITIONS) {
      const expected = ROLES.filter((role) => MAY_TAKE[role].includes(transition.action));
      expect(transition.roles, `${transition.from} × ${transition.action}`).toEqual(expected);
    }
  });
});

describe('jurisdiction scope on the lifecycle', () => {
  it('refuses an operator of a neighbouring county, naming the incident and the scope', () => {
    const actor = operatorWith('commander', NEIGHBOURING_COUNTY);
    const result = applyAction(
      incidentIn('report'),
      SAMPLE_ACTIONS.assess,
      contextFor('commander', { actor }),
    );
    expect(result).toMatchObject({ ok: false, code: 'out-of-scope' });
    if (result.ok) return;
    expect(result.reason).toContain('inc-1');
    expect(result.reason).toContain(NEIGHBOURING_COUNTY);
  });

  it('lets a prefecture operator act on an incident in one of its grids', () => {
    const actor = operatorWith('operator', PREFECTURE);
    const result = applyAction(
      incidentIn('report'),
      SAMPLE_ACTIONS.assess,
      contextFor('operator', { actor }),
    );
    expect(result.ok).toBe(true);
  });

  it('checks the stage before the role, so an impossible action is explained by the stage', () => {
    const result = applyAction(incidentIn('closed'), SAMPLE_ACTIONS.assess, contextFor('viewer'));
    expect(result).toMatchObject({ ok: false, code: 'illegal-in-stage' });
  });
});

describe('the actions a screen offers', () => {
  it('are exactly the actions that role may apply in that stage', () => {
    for (const stage of new Set(TRANSITIONS.map((t) => t.from))) {
      for (const role of ROLES) {
        const expected = [
          ...new Set(TRANSITIONS.filter((t) => t.from === stage).map((t) => t.action)),
        ].filter((action) => MAY_TAKE[role].includes(action));
        const offered = availableActions(incidentIn(stage), role, contextFor(role));
        expect(offered.sort(), `${role} in ${stage}`).toEqual(expected.sort());
      }
    }
    expect(availableActions(incidentIn('closed'), 'commander', contextFor('commander'))).toEqual([]);
  });
});
