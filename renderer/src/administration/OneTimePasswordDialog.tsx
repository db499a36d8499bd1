import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneTimePasswordView } from '../../../src/core/contract/accounts';
import { Dialog } from '../components/Dialog';

/**
 * A new account's or a reset password, shown once to hand over: with the login name, since the person needs
 * it to sign in. Closed, it is gone; neither the core nor the screen keeps it, and the account must change it
 * at its first sign-in.
 */
export function OneTimePasswordDialog({ answer, onClose }: { answer: OneTimePasswordView; onClose(): void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(answer.password);
    setCopied(true);
  };
  return (
    <Dialog label={t('administration.oneTime.title')} onClose={onClose} testId="one-time-password">
      <h2>{t('administration.oneTime.title')}</h2>
      <dl className="detail-facts">
        <div>
          <dt>{t('administration.oneTime.person')}</dt>
          <dd>{answer.account.displayName || t('administration.unnamed')}</dd>
        </div>
        <div>
          <dt>{t('administration.oneTime.login')}</dt>
          <dd translate="no" className="mono" data-testid="one-time-login">
            {answer.account.name}
          </dd>
        </div>
        <div>
          <dt>{t('administration.oneTime.password')}</dt>
          <dd translate="no" className="mono" data-testid="one-time-password-value">
            {answer.password}
          </dd>
        </div>
      </dl>
      <p className="muted">{t('administration.oneTime.note')}</p>
      <footer className="dialog-buttons">
        <button data-testid="one-time-copy" onClick={() => void copy()}>
          {copied ? t('administration.oneTime.copied') : t('administration.oneTime.copy')}
        </button>
        <button data-testid="one-time-close" onClick={onClose}>
          {t('administration.oneTime.close')}
        </button>
      </footer>
    </Dialog>
  );
}
