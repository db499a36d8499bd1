import { useTranslation } from 'react-i18next';
import type { Figures } from '../../../src/core/contract/figures';
import { FigureTile } from './FigureTile';
import { formatCount, formatRate, handlingTime } from './format';

/** The headline numbers of the scope, one tile each. */
export function KeyFigures({ figures }: { figures: Figures }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const count = (n: number) => formatCount(n, locale);
  const { open, overdue, toSupervise, resolution, handling, satisfaction, monitoring } = figures;
  const handled = handling.meanHours === null ? null : handlingTime(handling.meanHours, locale);
  const calls = Object.values(satisfaction.counts).reduce((sum, n) => sum + n, 0);
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
          openAssigned: count(resolution.openAssigned),
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
        value={formatRate(satisfaction.satisfiedShare, locale)}
        detail={t('figures.satisfaction.detail', { calls: count(calls) })}
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
