import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApiResult } from '../../../src/core/contract/api';
import { useSay } from '../words/say';
import { Dialog } from './Dialog';
import './i18n';

/** What an unmasking dialog shows: the fields whole, by the label's key. */
export type UnmaskedFields = Partial<Record<'idNumber' | 'phone', string | null>>;

/**
 * 显示完整号码: for a role allowed to unmask personal data, one record's ID number or phone whole, in a dialog.
 * The core asks for it (and has the hub audit the look) when the dialog opens; closing it drops the values, so
 * the screen is masked again.
 */
export function UnmaskButton({
  label,
  testId,
  reveal,
}: {
  /** Whose numbers they are, for a screen reader: the person's (masked) name. */
  label: string;
  testId: string;
  reveal(): Promise<DesktopApiResult<UnmaskedFields>>;
}) {
  const { t } = useTranslation();
  const say = useSay();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<UnmaskedFields | null>(null);
  const [error, setError] = useState<string | null>(null);

  const show = async () => {
    setOpen(true);
    const result = await reveal();
    if (result.ok) setShown(result.value);
    else setError(say(result.error));
  };
  const close = () => {
    setOpen(false);
    setShown(null);
    setError(null);
  };

  return (
    <>
      <button className="unmask-button" data-testid={testId} onClick={() => void show()}>
        {t('controls.unmask.show')}
      </button>
      {open && (
        <Dialog
          label={`${t('controls.unmask.title')} · ${label}`}
          onClose={close}
          testId={`${testId}-dialog`}
        >
          <h2>{t('controls.unmask.title')}</h2>
          {error && <p className="notice error">{error}</p>}
          {!error && !shown && <p className="muted">{t('controls.unmask.loading')}</p>}
          {shown && (
            <dl className="detail-facts">
              {(['idNumber', 'phone'] as const)
                .filter((field) => field in shown)
                .map((field) => (
                  <div key={field}>
                    <dt>{t(`controls.unmask.${field}`)}</dt>
                    <dd translate="no" className="mono" data-testid={`${testId}-${field}`}>
                      {shown[field] ?? t('controls.unmask.none')}
                    </dd>
                  </div>
                ))}
            </dl>
          )}
          <p className="muted">{t('controls.unmask.audited')}</p>
          <button onClick={close}>{t('controls.unmask.close')}</button>
        </Dialog>
      )}
    </>
  );
}
