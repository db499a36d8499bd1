import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSay } from '../words/say';
import './lock-bar.css';

/**
 * The lock of an operator's screen left idle: a compact bar over the top of the screen, so the map and the
 * figures go on showing below it, with the password field that opens it again. The password is read from the
 * field when sent and the field emptied at once: it is never kept in the page's state.
 */
export function LockBar({ withCode = false }: { withCode?: boolean }) {
  const { t } = useTranslation();
  const say = useSay();
  const field = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<Wording | null>(null);
  const [checking, setChecking] = useState(false);

  const unlock = async (event: FormEvent) => {
    event.preventDefault();
    const input = field.current;
    if (!input || input.value === '' || checking) return;
    const password = input.value;
    input.value = '';
    // An administrator signs in with the authenticator app's code as well.
    const totpCode = codeField.current?.value.replace(/\s/g, '') || undefined;
    if (codeField.current) codeField.current.value = '';
    setChecking(true);
    const result = await desktopApi.call('session.unlock', { password, totpCode });
    setChecking(false);
    // On success the core's status unlocks the screen and this bar goes; otherwise say why and try again.
    if (!result.ok) {
      setRefusal(result.error);
      input.focus();
    }
  };

  return (
    <form
      className="lock-bar"
      role="alertdialog"
      aria-labelledby="lock-bar-title"
      data-testid="lock-bar"
      onSubmit={(event) => void unlock(event)}
    >
      <svg className="lock-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <rect x="4" y="10" width="16" height="11" rx="2" fill="currentColor" />
        <path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2.2" />
      </svg>
      <strong id="lock-bar-title">{t('lock.title')}</strong>
      <label>
        <span className="visually-hidden">{t('lock.password')}</span>
        <input
          ref={field}
          type="password"
          autoComplete="current-password"
          placeholder={t('lock.password')}
          data-testid="lock-password"
          autoFocus
        />
      </label>
      {withCode && (
        <label>
          <span className="visually-hidden">{t('signIn.code')}</span>
          <input
            ref={codeField}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            placeholder={t('signIn.code')}
            data-testid="lock-code"
          />
        </label>
      )}
      <button type="submit" data-testid="lock-unlock" disabled={checking}>
        {checking ? t('lock.checking') : t('lock.unlock')}
      </button>
      {refusal && (
        <span className="lock-refusal" role="alert" data-testid="lock-refusal">
          {say(refusal)}
        </span>
      )}
    </form>
  );
}
