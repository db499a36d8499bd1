import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../hooks/useDesktop';
import { ArrivalsChart } from './charts/ArrivalsChart';
import { CoverageChart } from './charts/CoverageChart';
import { OpenByRiskChart } from './charts/OpenByRiskChart';
import { OpenByStageChart } from './charts/OpenByStageChart';
import { SatisfactionChart } from './charts/SatisfactionChart';
import { KeyFigures } from './KeyFigures';
import './figures.css';
import './i18n';
import { StaleNote } from '../links/StaleNote';
import { useLinks } from '../links/useLinks';

const LIVE_KINDS = ['incident', 'monitoring-point', 'order'] as const;
/** Steady enough to read while the stream is busy; a figure a second or two old is still live. */
const REFRESH_MS = 1500;

/** The figures the centre reports on for `scope` (the operator's whole jurisdiction when absent), live. */
export const FiguresPanel = memo(function FiguresPanel({ scope }: { scope?: string }) {
  const { t, i18n } = useTranslation();
  const figures = useLiveQuery('figures.get', { scope }, LIVE_KINDS, REFRESH_MS);
  const { dataAsOf } = useLinks();

  if (figures.state === 'failed') {
    return <p className="notice error">{t('figures.failed', { error: figures.error })}</p>;
  }
  if (figures.state === 'loading') return <p className="notice">{t('figures.loading')}</p>;

  const { value } = figures;
  const asOf = new Date(value.asOf).toLocaleTimeString(i18n.language, {
    hour12: false,
    timeZone: 'Asia/Shanghai',
  });
  return (
    <section className="figures" data-testid="figures-panel">
      <header className="figures-header">
        <h2>{t('figures.title')}</h2>
        {/* Computed just now, but from data that stopped arriving: the age of the data is what counts. */}
        {!dataAsOf && <span className="figures-as-of">{t('figures.asOf', { time: asOf })}</span>}
      </header>
      <StaleNote />
      <KeyFigures figures={value} />
      <div className="figure-charts">
        <OpenByStageChart byStage={value.open.byStage} />
        <OpenByRiskChart byRisk={value.open.byRisk} />
        <ArrivalsChart arrivals={value.arrivals} />
        <SatisfactionChart counts={value.satisfaction.counts} />
        <CoverageChart townships={value.monitoring.townships} villages={value.monitoring.villages} />
      </div>
    </section>
  );
});
