import type { Permission } from '../../domain';
import { wording, WordedError } from '../../domain/wording';
import type { AccountsClient } from '../hub-api/accounts-client';
import type { CoreServices, HandlersFor } from './types';

type AccountMethods =
  | 'accounts.list'
  | 'accounts.create'
  | 'accounts.disable'
  | 'accounts.resetPassword'
  | 'accounts.setRole'
  | 'accounts.unlock'
  | 'securityPolicy.get'
  | 'securityPolicy.set';

/**
 * The system and security administrators' screen (三员分立): the hub's accounts and security policy, asked for
 * with the session's token, each refused here to a role without its permission as the hub refuses it.
 */
export function accountHandlers({
  session,
  accounts,
  names,
}: Pick<CoreServices, 'session' | 'accounts' | 'names'>): HandlersFor<AccountMethods> {
  const client = (permission: Permission, what: string): AccountsClient => {
    session.requirePermission(permission, what);
    if (!accounts) throw new WordedError(wording('hubUnreachable', {}, 'this desktop runs without a hub'));
    return accounts;
  };
  /** Both administrators see the accounts: one keeps them, the other sets their roles and unlocks them. */
  const lister = (): AccountsClient => {
    const role = session.operator()?.role;
    return client(role === 'secadmin' ? 'manage-roles' : 'manage-accounts', 'the accounts');
  };
  return {
    'accounts.list': async () => {
      const list = await lister().list();
      return { accounts: list, names: names.places([...new Set(list.map((a) => a.jurisdiction))]) };
    },
    'accounts.create': (input) => client('manage-accounts', 'creating accounts').create(input),
    'accounts.disable': ({ name }) => client('manage-accounts', 'disabling accounts').disable(name),
    'accounts.resetPassword': ({ name }) =>
      client('manage-accounts', 'resetting passwords').resetPassword(name),
    'accounts.setRole': ({ name, role }) => client('manage-roles', 'setting roles').setRole(name, role),
    'accounts.unlock': ({ name }) => client('unlock-accounts', 'unlocking accounts').unlock(name),
    'securityPolicy.get': () => client('configure-security', 'the security policy').policy(),
    'securityPolicy.set': (policy) => client('configure-security', 'the security policy').setPolicy(policy),
  };
}
