import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { useLinks } from '../links/useLinks';

/** While a large backlog is applied: how far, how fast, how long still. */
export function CatchUpBar({ catchUp }: { catchUp: SessionStatus['catchUp'] }) {
  const { t, i18n } = useTranslation();
  const { down } = useLinks();
  // With the core gone nothing is being applied: a rate and a time left would be a claim nobody can make.
  if (!catchUp || catchUp.total === 0 || down?.link === 'core') return null;
  const percent = Math.floor((catchUp.done / catchUp.total) * 100);
  return (
    <div
      className="catch-up"
      role="progressbar"
      aria-valuenow={percent}
      aria-valuemin={0}
      aria-valuemax={100}
      data-testid="catch-up"
    >
      <div className="catch-up-fill" style={{ width: `${percent}%` }} />
      <span className="catch-up-label">
        {t('catchUp.label', {
          done: catchUp.done.toLocaleString(i18n.language),
          total: catchUp.total.toLocaleString(i18n.language),
          rate: catchUp.eventsPerSecond.toLocaleString(i18n.language),
          left: catchUp.secondsLeft === null ? '—' : Math.ceil(catchUp.secondsLeft),
        })}
      </span>
    </div>
  );
}
