import { useTranslation } from 'react-i18next';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Figures } from '../../../../src/core/contract/figures';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatCount } from '../format';
import { CHART_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** Today's arrivals hour by hour as bars, against the mean of the week before as a dashed line. */
export function ArrivalsChart({ arrivals }: { arrivals: Figures['arrivals'] }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const { today, previousWeekMean, currentHour } = arrivals;
  const data = today.map((count, hour) => ({
    hour: t('figures.arrivals.hour', { hour }),
    // Hours still to come have no bar, rather than a bar of zero.
    today: hour <= currentHour ? count : null,
    mean: previousWeekMean?.[hour] ?? null,
  }));
  const sumThrough = (values: readonly number[]) =>
    values.slice(0, currentHour + 1).reduce((sum, n) => sum + n, 0);
  return (
    <ChartFrame testId="chart-arrivals" area="arrivals" title={t('figures.arrivals.title')}>
      <p className="figure-chart-summary">
        {t('figures.arrivals.summary', {
          hour: currentHour + 1,
          today: formatCount(sumThrough(today), i18n.language),
        })}
        {previousWeekMean === null
          ? t('figures.arrivals.noBaseline')
          : t('figures.arrivals.baseline', {
              days: arrivals.baselineDays,
              hour: currentHour + 1,
              mean: sumThrough(previousWeekMean).toLocaleString(i18n.language, { maximumFractionDigits: 1 }),
            })}
      </p>
      <ResponsiveContainer width="100%" height={fontSize * 13}>
        <ComposedChart data={data} margin={{ top: fontSize / 2, right: fontSize, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={CHART_COLOURS.grid} />
          <XAxis
            dataKey="hour"
            interval={2}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            axisLine={{ stroke: CHART_COLOURS.grid }}
            tickLine={false}
          />
          <YAxis
            allowDecimals={false}
            width={fontSize * 3}
            tick={{ fill: CHART_COLOURS.muted, fontSize }}
            axisLine={false}
            tickLine={false}
          />
          <Bar dataKey="today" fill={CHART_COLOURS.bar} isAnimationActive={false} />
          <Line
            dataKey="mean"
            type="monotone"
            stroke={CHART_COLOURS.baseline}
            strokeWidth={3}
            strokeDasharray="10 6"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <ul className="figure-legend">
        <li>
          <span className="figure-swatch figure-swatch-bar" aria-hidden="true" />
          {t('figures.arrivals.today')}
        </li>
        <li>
          <span className="figure-swatch figure-swatch-line" aria-hidden="true" />
          {t('figures.arrivals.mean', { days: arrivals.baselineDays })}
        </li>
      </ul>
    </ChartFrame>
  );
}
