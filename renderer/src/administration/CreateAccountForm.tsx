import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewAccountInput } from '../../../src/core/contract/accounts';
import type { Role } from '../../../src/domain';
import { ScopePicker } from '../components/ScopePicker';
import { CREATABLE_ROLES } from './creatable-roles';

/** A new account of the administrator's jurisdiction: the one place its login name is typed. */
export function CreateAccountForm({
  root,
  onCreate,
}: {
  root: string;
  onCreate(account: NewAccountInput): Promise<boolean>;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [post, setPost] = useState('');
  const [role, setRole] = useState<Role>('operator');
  const [scope, setScope] = useState<string | undefined>(undefined);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const account = { name: name.trim(), role, jurisdiction: scope ?? root, displayName, post };
    if (await onCreate(account)) {
      setName('');
      setDisplayName('');
      setPost('');
    }
  };
  return (
    <form className="administration-create" data-testid="account-create" onSubmit={(e) => void submit(e)}>
      <h3>{t('administration.create.title')}</h3>
      <label>
        {t('administration.create.displayName')}
        <input value={displayName} maxLength={50} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label>
        {t('administration.create.post')}
        <input value={post} maxLength={50} onChange={(e) => setPost(e.target.value)} />
      </label>
      <label>
        {t('administration.create.login')}
        <input
          data-testid="account-create-login"
          value={name}
          required
          pattern="[a-z0-9][a-z0-9._\-]{1,63}"
          title={t('administration.create.loginHint')}
          translate="no"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        {t('administration.columns.role')}
        <select
          data-testid="account-create-role"
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
        >
          {CREATABLE_ROLES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`role.${choice}`)}
            </option>
          ))}
        </select>
      </label>
      <ScopePicker root={root} value={scope} onChange={setScope} testId="account-create-scope" />
      <button type="submit" data-testid="account-create-submit">
        {t('administration.create.submit')}
      </button>
    </form>
  );
}
