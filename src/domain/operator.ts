import { z } from 'zod';
import { isWithin, jurisdictionCodeSchema } from './jurisdiction';

export const ROLES = ['viewer', 'operator', 'commander', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const PERMISSIONS = [
  'read',
  'act-on-incidents',
  'add-notes',
  'sign-handover',
  'switch-mode',
  'issue-supervision-notice',
  'manage-accounts',
  'configure-sla',
  'configure-subsidies',
  'publish-bulletin',
  'view-key-persons',
  'manage-key-persons',
  'manage-targets',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const OPERATOR_PERMISSIONS = ['read', 'act-on-incidents', 'add-notes', 'sign-handover'] as const;

/**
 * Viewers watch the big screen; operators work incidents and sign the shift handover; commanders
 * also put a jurisdiction on a war footing, sign supervision notices (督办通知书), the centre's
 * strongest lever on a member unit, issue its bulletins (通报) and keep the key-person list (重点人员清单),
 * whose personal data nobody below them sees, and the
 * registers of dangerous objects and sensitive places (危险物, 敏感地); admins additionally manage accounts, the SLA tables and the
 * subsidy rates.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  operator: OPERATOR_PERMISSIONS,
  commander: [
    ...OPERATOR_PERMISSIONS,
    'switch-mode',
    'issue-supervision-notice',
    'publish-bulletin',
    'view-key-persons',
    'manage-key-persons',
    'manage-targets',
  ],
  admin: PERMISSIONS,
};

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
