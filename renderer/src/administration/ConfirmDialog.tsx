import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';

/** Asks before a change to an account or the policy goes to the hub: each is audited and some revoke sessions. */
export function ConfirmDialog({
  question,
  onConfirm,
  onCancel,
}: {
  question: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog label={question} onClose={onCancel} testId="administration-confirm">
      <p>{question}</p>
      <footer className="dialog-buttons">
        <button data-testid="administration-confirm-yes" onClick={onConfirm}>
          {t('administration.confirm')}
        </button>
        <button onClick={onCancel}>{t('administration.cancel')}</button>
      </footer>
    </Dialog>
  );
}
