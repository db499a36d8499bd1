import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSay } from '../words/say';
import { takeValue, useWorking } from './form-values';

/** The six-digit code field shared by the enrolment's first code and a later sign-in's code. */
export function CodeForm({
  label,
  button,
  method,
}: {
  label: string;
  button: string;
  method: 'session.confirmTotp' | 'session.submitTotp';
}) {
  const { t } = useTranslation();
  const say = useSay();
  const field = useRef<HTMLInputElement>(null);
  const [refusal, setRefusal] = useState<Wording | null>(null);
  const [working, run] = useWorking();

  const send = async (event: FormEvent) => {
    event.preventDefault();
    const code = takeValue(field.current).replace(/\s/g, '');
    if (working || !/^\d{6}$/.test(code)) return field.current?.focus();
    const result = await run(desktopApi.call(method, { code }));
    // Accepted: the core's status says the sign-in is done, and the dialog goes.
    if (!result.ok) {
      setRefusal(result.error);
      field.current?.focus();
    }
  };

  return (
    <form onSubmit={(event) => void send(event)} data-testid="sign-in-code">
      <label>
        {label}
        <input
          ref={field}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          pattern="\d{3} ?\d{3}"
          data-testid="totp-code"
          autoFocus
        />
      </label>
      {refusal && (
        <p className="sign-in-problems" role="alert" data-testid="sign-in-refusal">
          {say(refusal)}
        </p>
      )}
      <button type="submit" disabled={working} data-testid="send-code">
        {working ? t('signIn.working') : button}
      </button>
    </form>
  );
}

/** An enrolled administrator's sign-in: the code the authenticator app shows now. */
export function TotpCodeStep() {
  const { t } = useTranslation();
  return (
    <>
      <p>{t('signIn.codeIntro')}</p>
      <CodeForm label={t('signIn.code')} button={t('signIn.submit')} method="session.submitTotp" />
    </>
  );
}
