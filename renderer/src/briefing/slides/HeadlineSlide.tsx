import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../src/domain';
import { formatCount } from '../../figures/format';
import type { PeriodWords } from '../period-words';

/** Figures where more is worse: a rise is shown in the alarm colour. */
const WORSE_WHEN_HIGHER = new Set(['highRisk', 'open', 'overdue']);

/** The six headline figures, each against the period before and the mean of the baseline periods. */
export function HeadlineSlide({ briefing, words }: { briefing: Briefing; words: PeriodWords }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="headline-grid" data-testid="briefing-headline">
      {briefing.headline.map(({ figure, current, previous, baselineMean }) => {
        const delta = previous === null ? null : current - previous;
        const worse = delta !== null && (WORSE_WHEN_HIGHER.has(figure) ? delta > 0 : delta < 0);
        const signed =
          delta === null
            ? t('briefing.headline.noData')
            : delta === 0
              ? t('briefing.headline.same')
              : `${delta > 0 ? '↑' : '↓'} ${formatCount(Math.abs(delta), i18n.language)}`;
        return (
          <div key={figure} className="headline-tile" data-testid={`headline-${figure}`}>
            <span className="headline-label">{t(`briefing.headline.${figure}`)}</span>
            <span className="headline-value">{formatCount(current, i18n.language)}</span>
            <span className={`headline-delta${worse ? ' worse' : ''}`}>
              {t('briefing.headline.previous', { delta: signed, previous: words.previous })}
            </span>
            <span className="headline-mean">
              {t('briefing.headline.baselineMean', {
                baseline: words.baseline,
                mean:
                  baselineMean === null
                    ? t('briefing.headline.noData')
                    : baselineMean.toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
              })}
            </span>
          </div>
        );
      })}
    </div>
  );
}
