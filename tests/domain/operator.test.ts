import { describe, expect, it } from 'vitest';
import { can, inScope, PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Role } from '../../src/domain';
import { COUNTY, GRID, NEIGHBOURING_COUNTY, PREFECTURE } from './fixtures';

const EXPECTED: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: ['read', 'act-on-incidents', 'add-notes', 'sign-handover'],
  commander: [
    'read',
    'act-on-incidents',
    'add-notes',
    'sign-handover',
    'switch-mode',
    'issue-supervision-notice',
    'publish-bulletin',
    'view-key-persons',
    'manage-key-persons',
    'manage-targets',
  ],
  admin: PERMISSIONS,
};

describe('role permissions', () => {
  it.each(Object.entries(EXPECTED))('grant a %s exactly what the table says', (role, permissions) => {
    for (const permission of PERMISSIONS) {
      expect(can(role as Role, permission), permission).toBe(permissions.includes(permission));
    }
  });

  it('leave a viewer read-only', () => {
    expect(ROLE_PERMISSIONS.viewer).toEqual(['read']);
  });

  it('keep wartime, supervision notices and bulletins from operators but give them to commanders', () => {
    expect(can('operator', 'switch-mode')).toBe(false);
    expect(can('operator', 'issue-supervision-notice')).toBe(false);
    expect(can('operator', 'publish-bulletin')).toBe(false);
    expect(can('commander', 'switch-mode')).toBe(true);
    expect(can('commander', 'issue-supervision-notice')).toBe(true);
    expect(can('commander', 'publish-bulletin')).toBe(true);
  });

  it('show the key-person list to commanders and admins only, and let only them keep it', () => {
    for (const permission of ['view-key-persons', 'manage-key-persons'] as const) {
      expect(can('viewer', permission)).toBe(false);
      expect(can('operator', permission)).toBe(false);
      expect(can('commander', permission)).toBe(true);
      expect(can('admin', permission)).toBe(true);
    }
  });

  it('reserve accounts and SLA tables for admins', () => {
    for (const role of ['viewer', 'operator', 'commander'] as const) {
      expect(can(role, 'manage-accounts')).toBe(false);
      expect(can(role, 'configure-sla')).toBe(false);
    }
    expect(can('admin', 'manage-accounts')).toBe(true);
    expect(can('admin', 'configure-sla')).toBe(true);
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
