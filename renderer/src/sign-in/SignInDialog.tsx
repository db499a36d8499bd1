import { useTranslation } from 'react-i18next';
import type { SignInStep } from '../../../src/core/contract/api';
import { PasswordStep } from './PasswordStep';
import { TotpCodeStep } from './TotpCodeStep';
import { TotpEnrolmentStep } from './TotpEnrolmentStep';
import './sign-in.css';

/**
 * Shown while the hub holds the sign-in back for a step only the person can take: a new password for a
 * generated or expired one, setting up an authenticator app (administrators), or the app's code. It goes when
 * the core's status says no step is pending; it cannot be dismissed, since nothing works until it is done.
 */
export function SignInDialog({ step }: { step: SignInStep }) {
  const { t } = useTranslation();
  return (
    <div className="sign-in-backdrop">
      <section
        className="sign-in-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="sign-in-title"
        data-testid="sign-in-dialog"
        data-step={step}
      >
        <h2 id="sign-in-title">{t('signIn.title')}</h2>
        {step === 'password-change' && <PasswordStep />}
        {step === 'totp-enrolment' && <TotpEnrolmentStep />}
        {step === 'totp-code' && <TotpCodeStep />}
      </section>
    </div>
  );
}
