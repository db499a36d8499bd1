import { z } from 'zod';
import { isWithin, jurisdictionCodeSchema } from './jurisdiction';

/**
 * `wall` is a display that nobody works at (no actions, no idle lock); viewers, operators and commanders run
 * the centre; the three administrators are separated as 等保 2.0 level 3 asks (三员分立): the system
 * administrator keeps accounts and configuration, the security administrator roles, policies and unlocks, the
 * audit administrator reads the audit trail. An account holds one role, so nobody holds two of these, and
 * none of them works incidents.
 */
export const ROLES = [
  'wall',
  'viewer',
  'operator',
  'commander',
  'sysadmin',
  'secadmin',
  'auditadmin',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** The three administrators of 三员分立. */
export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditadmin'] as const satisfies readonly Role[];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export function isAdminRole(role: string): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

export const PERMISSIONS = [
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
  'unmask-personal-data',
  'manage-accounts',
  'configure-sla',
  'configure-subsidies',
  'manage-roles',
  'unlock-accounts',
  'configure-security',
  'read-audit',
  /** Live camera video: the wall, viewers, operators and commanders; no administrator. */
  'watch-video',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OPERATOR_PERMISSIONS = [
  'read',
  'watch-video',
  'act-on-incidents',
  'add-notes',
  'sign-handover',
] as const;

/**
 * Viewers watch the big screen; operators work incidents and sign the shift handover; commanders
 * also put a jurisdiction on a war footing, sign supervision notices (督办通知书), the centre's
 * strongest lever on a member unit, issue its bulletins (通报) and keep the key-person list (重点人员清单),
 * whose personal data nobody below them sees (and they see it whole only by asking, which is audited), and
 * the registers of dangerous objects and sensitive places (危险物, 敏感地). The system administrator keeps
 * accounts, the SLA tables and the subsidy rates and may look at the situation they configure; the security
 * and audit administrators see no incident at all.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  wall: ['read', 'watch-video'],
  viewer: ['read', 'watch-video'],
  operator: OPERATOR_PERMISSIONS,
  commander: [
    ...OPERATOR_PERMISSIONS,
    'switch-mode',
    'issue-supervision-notice',
    'publish-bulletin',
    'view-key-persons',
    'manage-key-persons',
    'manage-targets',
    'unmask-personal-data',
  ],
  sysadmin: ['read', 'manage-accounts', 'configure-sla', 'configure-subsidies'],
  secadmin: ['manage-roles', 'unlock-accounts', 'configure-security'],
  auditadmin: ['read-audit'],
};

/** Roles whose screens lock after the idle timeout; a wall screen nobody works at never does. */
export function locksWhenIdle(role: string): boolean {
  return role !== 'wall';
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function rolesWith(permission: Permission): readonly Role[] {
  return ROLES.filter((role) => can(role, permission));
}

/** An account sees and acts on its own jurisdiction and everything below it, never beside or above. */
export function inScope(operatorJurisdiction: string, targetCode: string): boolean {
  return isWithin(targetCode, operatorJurisdiction);
}

export const operatorSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  role: roleSchema,
  jurisdictionCode: jurisdictionCodeSchema,
});
export type Operator = z.infer<typeof operatorSchema>;
