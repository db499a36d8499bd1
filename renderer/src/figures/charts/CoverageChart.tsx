import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { TownshipCoverage } from '../../../../src/core/contract/figures';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatCount, formatRate } from '../format';
import { CHART_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** The townships to look at first. */
const SHOWN = 10;

/** Online rate of the monitoring points by township, worst first, each with its rate and count. */
export function CoverageChart({ townships }: { townships: readonly TownshipCoverage[] }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const locale = i18n.language;
  const data = townships.slice(0, SHOWN).map((township) => ({
    name: township.name,
    rate: township.rate ?? 0,
    label:
      township.rate === null
        ? t('figures.coverage.none')
        : t('figures.coverage.value', {
            rate: formatRate(township.rate, locale),
            online: formatCount(township.online, locale),
            total: formatCount(township.total, locale),
          }),
  }));
  return (
    <ChartFrame
      testId="chart-coverage"
      area="coverage"
      title={t('figures.coverage.title', { shown: Math.min(SHOWN, townships.length) })}
    >
      {/* Township names are data: not for translation. */}
      <div translate="no">
        <ResponsiveContainer width="100%" height={Math.max(data.length, 1) * fontSize * 2}>
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 0, right: fontSize * 11, bottom: 0, left: 0 }}
          >
            <XAxis type="number" hide domain={[0, 1]} />
            <YAxis
              type="category"
              dataKey="name"
              width={fontSize * 6}
              tick={{ fill: CHART_COLOURS.text, fontSize }}
              axisLine={false}
              tickLine={false}
            />
            <Bar
              dataKey="rate"
              fill={CHART_COLOURS.bar}
              background={{ fill: CHART_COLOURS.grid }}
              minPointSize={2}
              isAnimationActive={false}
            >
              <LabelList dataKey="label" position="right" fill={CHART_COLOURS.text} fontSize={fontSize} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
