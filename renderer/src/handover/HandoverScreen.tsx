import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import {
  STANDARD_SHIFTS,
  chinaDayOf,
  standardShift,
  standardShiftAt,
  toMillis,
  type StandardShift,
} from '../../../src/domain';
import { DayPicker } from '../components/DatePickers';
import { ScopePicker } from '../components/ScopePicker';
import { useLiveQuery } from '../hooks/useDesktop';
import { formatChinaClock } from '../workspace/time';
import { HandoverSignOff } from './HandoverSignOff';
import { ReplayMap } from './ReplayMap';
import { ReviewGroups, StillOpenTable } from './ReviewGroups';
import './handover.css';
import { useSay } from '../words/say';

/** A review replays the shift from the cache: refreshed as the log grows, but not more often than this. */
const REFRESH_MS = 5_000;
const REVIEW_KINDS = ['incident', 'order', 'mode', 'sla', 'handover'] as const;

interface HandoverScreenProps {
  operator: SessionStatus['operator'];
  onOpen: (incidentId: string) => void;
}

/** 交接班: a shift's review, its handover and sign-off, and the map played back over it. */
export function HandoverScreen({ operator, onOpen }: HandoverScreenProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const running = standardShiftAt(Date.now());
  const [day, setDay] = useState(running.day);
  const [name, setName] = useState<StandardShift>(running.name);
  // One object per choice: the replay refetches when the shift changes, not when the review refreshes.
  const shift = useMemo(() => standardShift(day, name), [day, name]);
  const loaded = useLiveQuery(
    'handover.review',
    scope ? { shift, scope } : { shift },
    REVIEW_KINDS,
    REFRESH_MS,
  );
  const value = loaded.state === 'ready' ? loaded.value : null;
  const review = value?.review;

  return (
    <main className="handover" data-testid="handover">
      <div className="handover-toolbar">
        <div className="date-field">
          {t('handover.day')}
          <DayPicker
            testId="handover-day"
            label={t('handover.day')}
            value={day}
            max={chinaDayOf(Date.now())}
            onChange={setDay}
          />
        </div>
        <label>
          {t('handover.shift')}
          <select
            data-testid="handover-shift"
            value={name}
            onChange={(event) => setName(event.target.value as StandardShift)}
          >
            {STANDARD_SHIFTS.map((option) => (
              <option key={option} value={option}>
                {t(`handover.shifts.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {operator && (
          <ScopePicker
            root={operator.jurisdiction}
            value={scope}
            onChange={setScope}
            testId="handover-scope"
          />
        )}
        {review && value && (
          <h2 translate="no">
            {t('handover.title', { place: value.names[review.scope] ?? review.scope })}
            <span className="muted">
              {t('handover.subtitle', {
                from: formatChinaClock(review.shift.start, i18n.language),
                until: formatChinaClock(review.shift.end, i18n.language),
                asOf: formatChinaClock(review.asOf, i18n.language),
              })}
            </span>
          </h2>
        )}
      </div>
      {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
      {!value && loaded.state !== 'failed' && <p className="muted">{t('handover.loading')}</p>}
      {value && review && (
        <div className="handover-body">
          <div className="handover-review" data-testid="handover-review">
            <ReviewGroups review={review} names={value.names} onOpen={onOpen} />
            <StillOpenTable review={review} names={value.names} onOpen={onOpen} />
          </div>
          <aside className="handover-side">
            <HandoverSignOff
              shift={shift}
              scope={review.scope}
              handovers={value.handovers}
              names={value.names}
              operator={operator}
            />
            <ReplayMap shift={shift} scope={review.scope} until={toMillis(review.asOf)} />
          </aside>
        </div>
      )}
    </main>
  );
}
