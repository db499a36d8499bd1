import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Figures } from '../../../../src/core/contract/figures';
import { TIMED_STAGES } from '../../../../src/domain';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatCount } from '../format';
import { CHART_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** Where the open incidents wait, in the order of the lifecycle. */
export function OpenByStageChart({ byStage }: { byStage: Figures['open']['byStage'] }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const data = TIMED_STAGES.map((stage) => ({ label: t(`stage.${stage}`), count: byStage[stage] }));
  return (
    <ChartFrame testId="chart-open-by-stage" area="stage" title={t('figures.byStage.title')}>
      <ResponsiveContainer width="100%" height={data.length * fontSize * 2.1}>
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: 0, right: fontSize * 3.5, bottom: 0, left: 0 }}
        >
          <XAxis type="number" hide allowDecimals={false} />
          <YAxis
            type="category"
            dataKey="label"
            width={fontSize * 6.5}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            axisLine={false}
            tickLine={false}
          />
          <Bar dataKey="count" fill={CHART_COLOURS.bar} minPointSize={2} isAnimationActive={false}>
            <LabelList
              dataKey="count"
              position="right"
              fill={CHART_COLOURS.text}
              fontSize={fontSize}
              fontWeight={600}
              formatter={(value) => formatCount(Number(value), i18n.language)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
