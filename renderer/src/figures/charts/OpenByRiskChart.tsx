import { useTranslation } from 'react-i18next';
import { Bar, BarChart, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { OPEN_RISK_GRADES, type Figures } from '../../../../src/core/contract/figures';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatCount } from '../format';
import { CHART_COLOURS, RISK_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** Open incidents by risk grade, most urgent first; the not yet graded in a dashed outline. */
export function OpenByRiskChart({ byRisk }: { byRisk: Figures['open']['byRisk'] }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const data = OPEN_RISK_GRADES.map((grade) => ({
    grade,
    label: t(`figures.risk.${grade}`),
    count: byRisk[grade],
  }));
  return (
    <ChartFrame testId="chart-open-by-risk" area="risk" title={t('figures.byRisk.title')}>
      <ResponsiveContainer width="100%" height={fontSize * 12}>
        <BarChart data={data} margin={{ top: fontSize * 1.8, right: 0, bottom: 0, left: 0 }}>
          <XAxis
            dataKey="label"
            interval={0}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            axisLine={{ stroke: CHART_COLOURS.grid }}
            tickLine={false}
          />
          <YAxis hide allowDecimals={false} />
          <Bar dataKey="count" minPointSize={2} isAnimationActive={false} maxBarSize={fontSize * 6}>
            {data.map(({ grade }) => (
              <Cell
                key={grade}
                fill={RISK_COLOURS[grade]}
                {...(grade === 'ungraded'
                  ? {
                      fillOpacity: 0.25,
                      stroke: RISK_COLOURS.ungraded,
                      strokeDasharray: '6 4',
                      strokeWidth: 2,
                    }
                  : {})}
              />
            ))}
            <LabelList
              dataKey="count"
              position="top"
              fill={CHART_COLOURS.text}
              fontSize={fontSize * 1.2}
              fontWeight={600}
              formatter={(value) => formatCount(Number(value), i18n.language)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
