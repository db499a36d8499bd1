import { describe, expect, it } from 'vitest';
import {
  ADMIN_ROLES,
  can,
  inScope,
  locksWhenIdle,
  PERMISSIONS,
  ROLE_PERMISSIONS,
  rolesWith,
  type Permission,
  type Role,
} from '../../src/domain';
import { COUNTY, GRID, NEIGHBOURING_COUNTY, PREFECTURE } from './fixtures';

const EXPECTED: Record<Role, readonly Permission[]> = {
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

describe('role permissions', () => {
  it.each(Object.entries(EXPECTED))('grant a %s exactly what the table says', (role, permissions) => {
    for (const permission of PERMISSIONS) {
      expect(can(role as Role, permission), permission).toBe(permissions.includes(permission));
    }
  });

  it('leave a viewer read-only, watching video included', () => {
    expect(ROLE_PERMISSIONS.viewer).toEqual(['read', 'watch-video']);
  });

  it('keep wartime, supervision notices and bulletins from operators but give them to commanders', () => {
    expect(can('operator', 'switch-mode')).toBe(false);
    expect(can('operator', 'issue-supervision-notice')).toBe(false);
    expect(can('operator', 'publish-bulletin')).toBe(false);
    expect(can('commander', 'switch-mode')).toBe(true);
    expect(can('commander', 'issue-supervision-notice')).toBe(true);
    expect(can('commander', 'publish-bulletin')).toBe(true);
  });

  it('show the key-person list to commanders only, and let only them keep it and see it unmasked', () => {
    for (const permission of ['view-key-persons', 'manage-key-persons', 'unmask-personal-data'] as const) {
      expect(rolesWith(permission)).toEqual(['commander']);
    }
  });

  it('reserve accounts and SLA tables for the system administrator', () => {
    expect(rolesWith('manage-accounts')).toEqual(['sysadmin']);
    expect(rolesWith('configure-sla')).toEqual(['sysadmin']);
  });

  it('separate the three administrators (三员分立): no permission of one is held by another', () => {
    const held = ADMIN_ROLES.map((role) => new Set(ROLE_PERMISSIONS[role].filter((p) => p !== 'read')));
    for (const [i, mine] of held.entries())
      for (const [j, theirs] of held.entries())
        if (i !== j)
          expect(
            [...mine].filter((p) => theirs.has(p)),
            `${ADMIN_ROLES[i]} × ${ADMIN_ROLES[j]}`,
          ).toEqual([]);
  });

  it('let none of the administrators work incidents', () => {
    for (const role of ADMIN_ROLES) {
      for (const permission of ['act-on-incidents', 'add-notes', 'view-key-persons', 'switch-mode'] as const)
        expect(can(role, permission), `${role} ${permission}`).toBe(false);
    }
  });

  it('give the security and audit administrators no view of the situation, and a wall screen nothing but it', () => {
    expect(can('secadmin', 'read')).toBe(false);
    expect(can('auditadmin', 'read')).toBe(false);
    expect(ROLE_PERMISSIONS.wall).toEqual(['read', 'watch-video']);
    expect(locksWhenIdle('wall')).toBe(false);
    expect(locksWhenIdle('operator')).toBe(true);
  });
});

describe('scope', () => {
  it('covers the operator’s own jurisdiction and everything below it', () => {
    expect(inScope(COUNTY, COUNTY)).toBe(true);
    expect(inScope(COUNTY, GRID)).toBe(true);
    expect(inScope(PREFECTURE, GRID)).toBe(true);
  });

  it('excludes jurisdictions beside and above', () => {
    expect(inScope(COUNTY, NEIGHBOURING_COUNTY)).toBe(false);
    expect(inScope(COUNTY, PREFECTURE)).toBe(false);
    expect(inScope(GRID, COUNTY)).toBe(false);
  });
});
