import { useTranslation } from 'react-i18next';
import type { Briefing, KpiFigures } from '../../../../src/domain';
import { formatCount, formatRate, handlingTime, signedPercent } from '../../figures/format';
import { formatChinaClock } from '../../workspace/time';
import type { PeriodWords } from '../period-words';

type Rated = 'capture' | 'satisfaction' | 'resolution';

/**
 * The seed's figures for the period, each beside the period before or "no data" when the log does not reach
 * back to it; then the monitoring coverage and camera health, as of the time they were worked out.
 */
export function KpiSlide({ briefing, words }: { briefing: Briefing; words: PeriodWords }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { current, previous, captureChange } = briefing.kpis;
  const hours = (figures: KpiFigures | null) => {
    const mean = figures?.handling.meanHours ?? null;
    if (mean === null) return null;
    const { value, unit } = handlingTime(mean, locale);
    return `${value} ${t(`figures.handlingTime.${unit}`)}`;
  };
  const versus = (text: string | null) =>
    previous === null
      ? t('briefing.kpi.noData', { previous: words.previous })
      : t('briefing.kpi.previous', { previous: words.previous, value: text ?? '—' });
  const rate = (key: Rated, figures: KpiFigures | null) => formatRate(figures?.[key].rate ?? null, locale);
  const tiles = [
    {
      key: 'handling',
      value: hours(current) ?? '—',
      detail: t('briefing.kpi.handlingDetail', { closed: formatCount(current.handling.closed, locale) }),
      versus: versus(hours(previous)),
    },
    {
      key: 'capture',
      value: rate('capture', current),
      detail: t('briefing.kpi.captureDetail', {
        sensed: formatCount(current.capture.sensed, locale),
        disputes: formatCount(current.capture.disputes, locale),
      }),
      versus:
        captureChange === null
          ? versus(rate('capture', previous))
          : t('briefing.kpi.change', {
              previous: words.previous,
              change: signedPercent(captureChange, locale),
            }),
    },
    {
      key: 'satisfaction',
      value: rate('satisfaction', current),
      detail: t('briefing.kpi.satisfactionDetail', {
        calls: formatCount(current.satisfaction.calls, locale),
      }),
      versus: versus(rate('satisfaction', previous)),
    },
    {
      key: 'resolution',
      value: rate('resolution', current),
      detail: t('briefing.kpi.resolutionDetail', {
        resolved: formatCount(current.resolution.resolved, locale),
        taken: formatCount(current.resolution.taken, locale),
      }),
      versus: versus(rate('resolution', previous)),
    },
  ];
  const { monitoring } = briefing;
  return (
    <div className="headline-grid" data-testid="briefing-kpis">
      {tiles.map((tile) => (
        <div key={tile.key} className="headline-tile" data-testid={`kpi-${tile.key}`}>
          <span className="headline-label">{t(`briefing.kpi.${tile.key}`)}</span>
          <span className="headline-value">{tile.value}</span>
          <span className="headline-delta">{tile.versus}</span>
          <span className="headline-mean">{tile.detail}</span>
        </div>
      ))}
      {monitoring && (
        <>
          <div className="headline-tile" data-testid="kpi-coverage">
            <span className="headline-label">{t('briefing.kpi.coverage')}</span>
            <span className="headline-value">{formatRate(monitoring.overall.rate, locale)}</span>
            <span className="headline-delta">
              {t('briefing.kpi.coverageDetail', {
                places: formatRate(monitoring.places.rate, locale),
                roads: formatRate(monitoring.roads.rate, locale),
              })}
            </span>
            <span className="headline-mean">
              {t('briefing.kpi.asOf', { time: formatChinaClock(monitoring.asOf, locale) })}
            </span>
          </div>
          <div className="headline-tile" data-testid="kpi-camera-health">
            <span className="headline-label">{t('briefing.kpi.health')}</span>
            <span className="headline-value">{formatRate(monitoring.health.rate, locale)}</span>
            <span className={`headline-delta${monitoring.health.meetsTarget === false ? ' worse' : ''}`}>
              {t(
                monitoring.health.meetsTarget === false ? 'briefing.kpi.belowTarget' : 'briefing.kpi.target',
                {
                  target: formatRate(monitoring.health.target, locale),
                },
              )}
            </span>
            <span className="headline-mean">
              {t('briefing.kpi.asOf', { time: formatChinaClock(monitoring.asOf, locale) })}
            </span>
          </div>
        </>
      )}
    </div>
  );
}
