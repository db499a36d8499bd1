import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { REASON_MIN_LENGTH, can, type Role } from '../../../src/domain';
import { Dialog } from '../components/Dialog';
import { useLinks } from '../links/useLinks';
import { useSay } from '../words/say';
import { submitCommand } from './submit-command';

/** 平战结合: a commander puts the jurisdiction on a war footing, with a reason, and stands it down again. */
export function ModeSwitch({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  const say = useSay();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { actionBlocked, actionNote } = useLinks();
  const operator = status.operator;
  if (!operator || !can(operator.role as Role, 'switch-mode')) return null;
  const target = status.mode === 'wartime' ? 'peacetime' : 'wartime';

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await submitCommand({
      type: 'switchMode',
      jurisdictionCode: operator.jurisdiction,
      mode: target,
      reason: reason.trim(),
    });
    if (!result.ok) return setError(say(result.error));
    setOpen(false);
    setReason('');
    setError(null);
  };

  return (
    <div className="mode-switch">
      <button
        className={`mode-switch-button to-${target}`}
        data-testid="mode-switch"
        disabled={actionBlocked !== null}
        title={actionBlocked ?? actionNote ?? undefined}
        onClick={() => setOpen(true)}
      >
        {t(target === 'wartime' ? 'ws.mode.switchToWartime' : 'ws.mode.switchToPeacetime')}
      </button>
      {open && (
        <Dialog
          className="mode-switch-dialog"
          label={t(target === 'wartime' ? 'ws.mode.switchToWartime' : 'ws.mode.switchToPeacetime')}
          testId="mode-switch-dialog"
          onClose={close}
        >
          <form
            className="mode-switch-form"
            onSubmit={(event) => void submit(event)}
            data-testid="mode-switch-form"
          >
            <h2>{t(target === 'wartime' ? 'ws.mode.switchToWartime' : 'ws.mode.switchToPeacetime')}</h2>
            <label>
              {t('ws.mode.reason')}
              <input
                data-testid="mode-switch-reason"
                value={reason}
                minLength={REASON_MIN_LENGTH}
                onChange={(event) => setReason(event.target.value)}
                autoFocus
              />
            </label>
            <div className="form-buttons">
              <button
                type="submit"
                className="primary"
                disabled={reason.trim().length < REASON_MIN_LENGTH || actionBlocked !== null}
                title={actionBlocked ?? actionNote ?? undefined}
                data-testid="mode-switch-confirm"
              >
                {t('ws.mode.confirm')}
              </button>
              <button type="button" data-testid="mode-switch-cancel" onClick={close}>
                {t('ws.action.cancel')}
              </button>
              {error && <span className="notice error">{error}</span>}
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
