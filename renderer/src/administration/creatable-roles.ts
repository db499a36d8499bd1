import { ROLES, isAdminRole } from '../../../src/domain';

/** The roles a system administrator gives a new account: an administrator's role is the security one's to give. */
export const CREATABLE_ROLES = ROLES.filter((role) => !isAdminRole(role));
