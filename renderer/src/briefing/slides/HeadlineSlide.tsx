import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../src/domain';
import { formatCount } from '../../figures/format';

/** Figures where more is worse: a rise is shown in the alarm colour. */
const WORSE_WHEN_HIGHER = new Set(['highRisk', 'open', 'overdue']);

/** The six headline figures, each against the day before and the mean of the seven before. */
export function HeadlineSlide({ briefing }: { briefing: Briefing }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="headline-grid" data-testid="briefing-headline">
      {briefing.headline.map(({ figure, day, previousDay, weekMean }) => {
        const delta = day - previousDay;
        const worse = WORSE_WHEN_HIGHER.has(figure) ? delta > 0 : delta < 0;
        const signed =
          delta === 0
            ? t('briefing.headline.same')
            : `${delta > 0 ? '↑' : '↓'} ${formatCount(Math.abs(delta), i18n.language)}`;
        return (
          <div key={figure} className="headline-tile" data-testid={`headline-${figure}`}>
            <span className="headline-label">{t(`briefing.headline.${figure}`)}</span>
            <span className="headline-value">{formatCount(day, i18n.language)}</span>
            <span className={`headline-delta${delta !== 0 && worse ? ' worse' : ''}`}>
              {t('briefing.headline.previousDay', { delta: signed })}
            </span>
            <span className="headline-mean">
              {t('briefing.headline.weekMean', {
                mean: weekMean.toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
              })}
            </span>
          </div>
        );
      })}
    </div>
  );
}
