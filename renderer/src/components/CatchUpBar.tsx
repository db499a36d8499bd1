import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { useLinks } from '../links/useLinks';
import { ProgressBar } from './ProgressBar';

/** While a large backlog is applied: how far, how fast, how long still. */
export function CatchUpBar({ catchUp }: { catchUp: SessionStatus['catchUp'] }) {
  const { t, i18n } = useTranslation();
  const { down } = useLinks();
  // With the core gone nothing is being applied: a rate and a time left would be a claim nobody can make.
  if (!catchUp || catchUp.total === 0 || down?.link === 'core') return null;
  return (
    <ProgressBar done={catchUp.done} total={catchUp.total} className="catch-up" testId="catch-up">
      {t('catchUp.label', {
        done: catchUp.done.toLocaleString(i18n.language),
        total: catchUp.total.toLocaleString(i18n.language),
        rate: catchUp.eventsPerSecond.toLocaleString(i18n.language),
        left: catchUp.secondsLeft === null ? '—' : Math.ceil(catchUp.secondsLeft),
      })}
    </ProgressBar>
  );
}
