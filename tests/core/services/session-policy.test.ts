import { describe, expect, it } from 'vitest';
import { PERMISSIONS, type Permission } from '../../../src/domain';
import { WordedError } from '../../../src/domain/wording';
import {
  SessionPolicy,
  type HubAccount,
  type SettingsStore,
} from '../../../src/core/services/session-policy';

const ROOT = '5329';
const COUNTY = '532922';
const TOWNSHIP = '532922100';

function memorySettings(): SettingsStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    getSetting: (key) => values.get(key),
    putSetting: (key, value) => void values.set(key, value),
  };
}

function account(role: string, jurisdiction = COUNTY): HubAccount {
  return { accountId: `acc-${role}`, name: role, role, jurisdiction, jurisdictionName: '漾濞县' };
}

function policyFor(signedIn: HubAccount | undefined, settings = memorySettings()) {
  return new SessionPolicy(settings, () => signedIn, ROOT);
}

/** What each role may do, as the desktop enforces it on what its cache holds. */
const ALLOWED: Record<string, readonly Permission[]> = {
  viewer: ['read', 'watch-video'],
  operator: ['read', 'watch-video', 'act-on-incidents', 'add-notes', 'sign-handover'],
  commander: [
    'read',
    'watch-video',
    'act-on-incidents',
    'add-notes',
    'sign-handover',
    'switch-mode',
    'issue-supervision-notice',
    'publish-bulletin',
    'view-key-persons',
    'manage-key-persons',
    'manage-targets',
    'unmask-personal-data',
  ],
  wall: ['read', 'watch-video'],
  sysadmin: ['read', 'manage-accounts', 'configure-sla', 'configure-subsidies'],
  secadmin: ['manage-roles', 'unlock-accounts', 'configure-security'],
  auditadmin: ['read-audit'],
};

const cases = Object.entries(ALLOWED).flatMap(([role, allowed]) =>
  PERMISSIONS.map((permission) => ({ role, permission, allowed: allowed.includes(permission) })),
);

function refusal(policy: SessionPolicy, permission: Permission): WordedError | undefined {
  try {
    policy.requirePermission(permission, 'it');
    return undefined;
  } catch (error) {
    if (error instanceof WordedError) return error;
    throw error;
  }
}

describe('the session policy', () => {
  it.each(cases)('$role: $permission allowed $allowed', ({ role, permission, allowed }) => {
    const refused = refusal(policyFor(account(role)), permission);
    if (allowed) expect(refused).toBeUndefined();
    else expect(refused?.wording).toMatchObject({ code: 'roleMayNotSee', params: { role, permission } });
  });

  it('refuses every permission to a screen nobody has signed in to, and to a role it does not know', () => {
    for (const permission of PERMISSIONS) {
      expect(refusal(policyFor(undefined), permission)?.wording).toMatchObject({
        code: 'roleMayNotSee',
        params: { permission },
      });
      expect(refusal(policyFor(account('auditor')), permission)?.wording.code).toBe('roleMayNotSee');
    }
  });

  it.each([
    { requested: undefined, scope: COUNTY, why: 'nothing asked: the own jurisdiction' },
    { requested: TOWNSHIP, scope: TOWNSHIP, why: 'a part of it' },
    { requested: COUNTY, scope: COUNTY, why: 'the jurisdiction itself' },
    { requested: ROOT, scope: COUNTY, why: 'wider: clamped to the own' },
    { requested: '532923', scope: COUNTY, why: 'beside it: clamped to the own' },
  ])('scopes a county operator asking for $requested to $scope ($why)', ({ requested, scope }) => {
    expect(policyFor(account('operator')).scoped(requested)).toBe(scope);
  });

  it('scopes a screen nobody has signed in to by the region, and narrows within it', () => {
    const policy = policyFor(undefined);
    expect(policy.ownScope()).toBe(ROOT);
    expect(policy.scoped(COUNTY)).toBe(COUNTY);
  });

  it('remembers the operator, so an offline start keeps their role and scope', () => {
    const settings = memorySettings();
    const online = policyFor(account('commander'), settings).operator();
    expect(online).toEqual({
      accountId: 'acc-commander',
      name: 'commander',
      role: 'commander',
      jurisdiction: COUNTY,
      jurisdictionName: '漾濞县',
    });
    const offline = policyFor(undefined, settings);
    expect(offline.operator()).toEqual(online);
    expect(offline.scoped(ROOT)).toBe(COUNTY);
    expect(refusal(offline, 'view-key-persons')).toBeUndefined();
  });
});
