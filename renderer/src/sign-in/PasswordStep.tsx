import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSay } from '../words/say';
import { takeValue, useWorking } from './form-values';

/** A new password, twice, for the one the hub generated or found expired; the policy's problems are listed. */
export function PasswordStep() {
  const { t } = useTranslation();
  const say = useSay();
  const newField = useRef<HTMLInputElement>(null);
  const repeatField = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Wording[]>([]);
  const [mismatch, setMismatch] = useState(false);
  const [working, run] = useWorking();

  const change = async (event: FormEvent) => {
    event.preventDefault();
    const newPassword = takeValue(newField.current);
    const repeated = takeValue(repeatField.current);
    if (working || newPassword === '') return;
    setMismatch(newPassword !== repeated);
    if (newPassword !== repeated) return newField.current?.focus();
    const result = await run(desktopApi.call('session.changePassword', { newPassword }));
    // Changed: the core's status moves to the next step or signs in, and this form goes.
    if (!result.ok) setProblems([result.error]);
    else if (!result.value.changed) setProblems(result.value.problems);
    newField.current?.focus();
  };

  return (
    <form onSubmit={(event) => void change(event)} data-testid="sign-in-password">
      <p>{t('signIn.passwordIntro')}</p>
      <p className="sign-in-hint">{t('signIn.policy')}</p>
      <label>
        {t('signIn.newPassword')}
        <input
          ref={newField}
          type="password"
          autoComplete="new-password"
          data-testid="new-password"
          autoFocus
        />
      </label>
      <label>
        {t('signIn.repeatPassword')}
        <input ref={repeatField} type="password" autoComplete="new-password" data-testid="repeat-password" />
      </label>
      {(mismatch || problems.length > 0) && (
        <ul className="sign-in-problems" role="alert" data-testid="sign-in-problems">
          {mismatch && <li>{t('signIn.mismatch')}</li>}
          {problems.map((problem) => (
            <li key={problem.code} data-code={problem.code}>
              {say(problem)}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" disabled={working} data-testid="change-password">
        {working ? t('signIn.working') : t('signIn.change')}
      </button>
    </form>
  );
}
