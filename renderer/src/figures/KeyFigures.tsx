import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../src/core/contract/figures';
import { FigureTile } from './FigureTile';
import { formatCount, formatRate, handlingTime, signedPercent } from './format';

/** The headline numbers of the scope, one tile each. */
export function KeyFigures({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const count = (n: number) => formatCount(n, locale);
  const { open, overdue, toSupervise, kpis, monitoring } = figures;
  const { handling, capture, satisfaction, resolution } = kpis.current;
  const handled = handling.meanHours === null ? null : handlingTime(handling.meanHours, locale);
  const change =
    kpis.previous === null
      ? t('figures.capture.noData')
      : kpis.captureChange === null
        ? t('figures.capture.noChange')
        : t('figures.capture.change', { change: signedPercent(kpis.captureChange, locale) });
  return (
    <div className="figure-tiles">
      <FigureTile
        testId="figure-open"
        label={t('figures.open.label')}
        value={count(open.total)}
        detail={t('figures.open.detail', { high: count(open.byRisk.high) })}
      />
      <FigureTile
        testId="figure-overdue"
        label={t('figures.overdue.label')}
        value={count(overdue)}
        detail={
          overdue > 0
            ? t('figures.overdue.detail', { count: toSupervise, formatted: count(toSupervise) })
            : t('figures.overdue.none')
        }
        alert={toSupervise > 0 ? t('figures.overdue.alert') : undefined}
      />
      <FigureTile
        testId="figure-resolution-rate"
        label={t('figures.resolutionRate.label')}
        value={formatRate(resolution.rate, locale)}
        detail={t('figures.resolutionRate.detail', {
          resolved: count(resolution.resolved),
          taken: count(resolution.taken),
        })}
      />
      <FigureTile
        testId="figure-handling-time"
        label={t('figures.handlingTime.label')}
        value={handled?.value ?? '—'}
        unit={handled ? t(`figures.handlingTime.${handled.unit}`) : undefined}
        detail={t('figures.handlingTime.detail', { closed: count(handling.closed) })}
      />
      <FigureTile
        testId="figure-satisfaction"
        label={t('figures.satisfaction.label')}
        value={formatRate(satisfaction.rate, locale)}
        detail={t('figures.satisfaction.detail', { calls: count(satisfaction.calls) })}
      />
      <FigureTile
        testId="figure-capture-rate"
        label={t('figures.capture.label')}
        value={formatRate(capture.rate, locale)}
        detail={t('figures.capture.detail', {
          sensed: count(capture.sensed),
          disputes: count(capture.disputes),
          change,
        })}
      />
      <FigureTile
        testId="figure-coverage"
        label={t('figures.coverageRate.label')}
        value={formatRate(monitoring.coverage.overall.rate, locale)}
        detail={t('figures.coverageRate.detail', {
          places: formatRate(monitoring.coverage.places.rate, locale),
          roads: formatRate(monitoring.coverage.roads.rate, locale),
        })}
      />
      <FigureTile
        testId="figure-camera-health"
        label={t('figures.cameraHealth.label')}
        value={formatRate(monitoring.health.rate, locale)}
        detail={t('figures.cameraHealth.detail', {
          target: formatRate(monitoring.health.target, locale),
          working: count(monitoring.health.working),
          total: count(monitoring.health.total),
        })}
        alert={monitoring.health.meetsTarget === false ? t('figures.cameraHealth.alert') : undefined}
      />
      <FigureTile
        testId="figure-camera-online"
        label={t('figures.cameraOnline.label')}
        value={formatRate(monitoring.rate, locale)}
        detail={t('figures.cameraOnline.detail', {
          online: count(monitoring.online),
          total: count(monitoring.total),
        })}
      />
    </div>
  );
}
