import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import type {
  AccountListView,
  AccountView,
  NewAccountInput,
  OneTimePasswordView,
} from '../../../src/core/contract/accounts';
import { can, roleSchema, type Role, type Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { SubsidyPanel } from '../subsidies/SubsidyPanel';
import { useSay } from '../words/say';
import { AccountTable, type RowActions } from './AccountTable';
import { ConfirmDialog } from './ConfirmDialog';
import { CreateAccountForm } from './CreateAccountForm';
import { OneTimePasswordDialog } from './OneTimePasswordDialog';
import { SecurityPolicyForm } from './SecurityPolicyForm';
import '../reports/reports.css';
import './administration.css';
import './i18n';

type Operator = NonNullable<SessionStatus['operator']>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: Wording };

/** A change waiting for the administrator's confirmation. */
interface Pending {
  question: string;
  run(): Promise<Outcome>;
}

/**
 * The system and security administrators' screen (三员分立): the accounts of their jurisdiction, and what each
 * may do to them — the system administrator creates, disables and resets; the security administrator sets roles,
 * unlocks and keeps the security policy. The system administrator also sets the subsidy rates here.
 */
export function AdministrationScreen({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const say = useSay();
  const role = roleSchema.safeParse(operator.role);
  const may = (permission: Parameters<typeof can>[1]) => role.success && can(role.data, permission);
  const [list, setList] = useState<AccountListView | null>(null);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [oneTime, setOneTime] = useState<OneTimePasswordView | null>(null);

  const refresh = useCallback(async () => {
    const result = await desktopApi.call('accounts.list', {});
    setList(result.ok ? result.value : null);
    setProblem(result.ok ? null : result.error);
  }, []);
  useEffect(() => void refresh(), [refresh]);

  /** After a change: its refusal worded, or the list as it is now. */
  const settle = async (result: Outcome) => {
    if (!result.ok) return setProblem(result.error);
    await refresh();
  };
  const person = (account: AccountView) => account.displayName || t('administration.unnamed');
  const confirmThen = (question: string, run: () => Promise<Outcome>) => setPending({ question, run });

  const actions: RowActions = {
    ...(may('manage-accounts') && {
      disable: (account) =>
        confirmThen(t('administration.ask.disable', { person: person(account) }), () =>
          desktopApi.call('accounts.disable', { name: account.name }),
        ),
      resetPassword: (account) =>
        confirmThen(t('administration.ask.reset', { person: person(account) }), async () => {
          const result = await desktopApi.call('accounts.resetPassword', { name: account.name });
          if (result.ok) setOneTime(result.value);
          return result;
        }),
    }),
    ...(may('manage-roles') && {
      setRole: (account: AccountView, next: Role) =>
        confirmThen(t('administration.ask.role', { person: person(account), role: t(`role.${next}`) }), () =>
          desktopApi.call('accounts.setRole', { name: account.name, role: next }),
        ),
    }),
    ...(may('unlock-accounts') && {
      unlock: (account: AccountView) =>
        confirmThen(t('administration.ask.unlock', { person: person(account) }), () =>
          desktopApi.call('accounts.unlock', { name: account.name }),
        ),
    }),
  };

  const create = async (account: NewAccountInput) => {
    const result = await desktopApi.call('accounts.create', account);
    await settle(result);
    if (result.ok) setOneTime(result.value);
    return result.ok;
  };

  return (
    <main className="reports administration" data-testid="administration">
      <section className="reports-panel">
        <header>
          <h2>{t('administration.accounts')}</h2>
          <button data-testid="accounts-refresh" onClick={() => void refresh()}>
            {t('administration.refresh')}
          </button>
        </header>
        {problem && (
          <p className="notice error" role="alert" data-testid="administration-problem">
            {say(problem)}
          </p>
        )}
        {!list && !problem && <p className="muted">{t('administration.loading')}</p>}
        {list && <AccountTable list={list} own={operator.name} actions={actions} />}
        {may('manage-accounts') && <CreateAccountForm root={operator.jurisdiction} onCreate={create} />}
      </section>
      {may('configure-security') && (
        <section className="reports-panel">
          <SecurityPolicyForm />
        </section>
      )}
      {may('configure-subsidies') && (
        <section className="reports-panel">
          <SubsidyPanel />
        </section>
      )}
      {pending && (
        <ConfirmDialog
          question={pending.question}
          onCancel={() => setPending(null)}
          onConfirm={() => {
            setPending(null);
            void pending.run().then(settle);
          }}
        />
      )}
      {oneTime && <OneTimePasswordDialog answer={oneTime} onClose={() => setOneTime(null)} />}
    </main>
  );
}
