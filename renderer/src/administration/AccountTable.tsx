import { useTranslation } from 'react-i18next';
import type { AccountListView, AccountView } from '../../../src/core/contract/accounts';
import { ROLES, type Role } from '../../../src/domain';
import { formatChinaDateTime } from '../words/china-time';

/** What an administrator may do to an account from its row, by their duty. */
export interface RowActions {
  disable?(account: AccountView): void;
  resetPassword?(account: AccountView): void;
  setRole?(account: AccountView, role: Role): void;
  unlock?(account: AccountView): void;
}

/** A person as the screens name them: their name and post; the login name only when the hub knows no name. */
function personOf(account: AccountView): string {
  const name = account.displayName || account.name;
  return account.post ? `${account.post} ${name}` : name;
}

function StateCell({ account }: { account: AccountView }) {
  const { t, i18n } = useTranslation();
  if (account.disabled) return <span className="state-disabled">{t('administration.state.disabled')}</span>;
  if (account.lockedUntil)
    return (
      <span className="state-locked">
        {t('administration.state.locked', { until: formatChinaDateTime(account.lockedUntil, i18n.language) })}
      </span>
    );
  return <span>{t('administration.state.active')}</span>;
}

/** The accounts of the administrator's jurisdiction, each with what the administrator may do to it. */
export function AccountTable({
  list,
  own,
  actions,
}: {
  list: AccountListView;
  /** The administrator's own login name: nobody administers their own account. */
  own: string;
  actions: RowActions;
}) {
  const { t } = useTranslation();
  return (
    <table className="administration-accounts" data-testid="accounts">
      <thead>
        <tr>
          <th>{t('administration.columns.person')}</th>
          <th>{t('administration.columns.role')}</th>
          <th>{t('administration.columns.jurisdiction')}</th>
          <th>{t('administration.columns.state')}</th>
          <th>{t('administration.columns.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {list.accounts.map((account) => (
          <tr key={account.name} data-testid="account-row">
            <td>{personOf(account)}</td>
            <td>
              {actions.setRole && account.name !== own ? (
                <select
                  data-testid="account-role"
                  aria-label={t('administration.columns.role')}
                  value={account.role}
                  onChange={(e) => actions.setRole!(account, e.target.value as Role)}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`role.${role}`)}
                    </option>
                  ))}
                </select>
              ) : (
                t(`role.${account.role}`)
              )}
            </td>
            <td>{list.names[account.jurisdiction] ?? t('administration.unnamedPlace')}</td>
            <td>
              <StateCell account={account} />
            </td>
            <td className="administration-row-actions">
              {account.name !== own && !account.disabled && actions.disable && (
                <button data-testid="account-disable" onClick={() => actions.disable!(account)}>
                  {t('administration.disable')}
                </button>
              )}
              {account.name !== own && !account.disabled && actions.resetPassword && (
                <button data-testid="account-reset" onClick={() => actions.resetPassword!(account)}>
                  {t('administration.resetPassword')}
                </button>
              )}
              {account.name !== own && account.lockedUntil && actions.unlock && (
                <button data-testid="account-unlock" onClick={() => actions.unlock!(account)}>
                  {t('administration.unlock')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
