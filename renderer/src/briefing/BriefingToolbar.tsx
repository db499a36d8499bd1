import { useTranslation } from 'react-i18next';
import { BRIEFING_PERIODS, type BriefingPeriod } from '../../../src/domain';
import type { SessionStatus } from '../../../src/core/contract/api';
import { DayPicker } from '../components/DatePickers';
import { ScopePicker } from '../components/ScopePicker';

/** What the briefing covers (a day, a place, a period) as the operator has chosen it. */
export interface BriefingChoice {
  day: string;
  scope: string | undefined;
  period: BriefingPeriod;
}

function PeriodChoice({
  period,
  onPeriod,
}: {
  period: BriefingPeriod;
  onPeriod(period: BriefingPeriod): void;
}) {
  const { t } = useTranslation();
  return (
    <div
      className="briefing-periods"
      role="radiogroup"
      aria-label={t('briefing.period')}
      data-testid="briefing-period"
    >
      {BRIEFING_PERIODS.map((option) => (
        <button
          key={option}
          type="button"
          role="radio"
          aria-checked={option === period}
          data-testid={`briefing-period-${option}`}
          title={t(`briefing.periods.${option}.name`)}
          onClick={() => onPeriod(option)}
        >
          {t(`briefing.periods.${option}.short`)}
        </button>
      ))}
    </div>
  );
}

/** The briefing's day, scope and period, the full-screen switch and the bulletin's. */
export function BriefingToolbar({
  operator,
  choice,
  today,
  writing,
  onChoice,
  onPresent,
  onWriting,
}: {
  operator: SessionStatus['operator'];
  choice: BriefingChoice;
  today: string;
  writing: boolean;
  onChoice(change: Partial<BriefingChoice>): void;
  onPresent(): void;
  onWriting(writing: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="briefing-toolbar">
      <div className="date-field">
        {t('briefing.day')}
        <DayPicker
          testId="briefing-day"
          label={t('briefing.day')}
          value={choice.day}
          max={today}
          onChange={(day) => onChoice({ day })}
        />
      </div>
      {operator && (
        <ScopePicker
          root={operator.jurisdiction}
          value={choice.scope}
          testId="briefing-scope"
          onChange={(scope) => onChoice({ scope })}
        />
      )}
      <PeriodChoice period={choice.period} onPeriod={(period) => onChoice({ period })} />
      <button data-testid="briefing-present" onClick={onPresent}>
        {t('briefing.present')}
      </button>
      <button
        data-testid="briefing-bulletin"
        className={writing ? 'active' : ''}
        onClick={() => onWriting(!writing)}
      >
        {t('documents.bulletin.heading')}
      </button>
      <span className="muted">{t('briefing.keys')}</span>
    </div>
  );
}
