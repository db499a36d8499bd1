import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { SubsidyReport } from '../../../src/domain';
import { CHART_TEXT_REM, remInPixels } from '../figures/chart-text';
import { formatCount } from '../figures/format';
import { CHART_COLOURS } from '../figures/palette';

/** The month's subsidy of each township, in yuan, most first: where the money goes at a glance. */
export function SubsidyChart({ report, names }: { report: SubsidyReport; names: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  // Most first, so the chart reads as a ranking; the table keeps the townships in their code order.
  const data = report.townships
    .map((township) => ({ label: names[township.township] ?? township.township, amount: township.amount }))
    .sort((a, b) => b.amount - a.amount);
  return (
    <figure className="subsidy-chart" data-testid="subsidy-chart">
      <figcaption>{t('subsidies.chart')}</figcaption>
      <ResponsiveContainer width="100%" height={data.length * fontSize * 2.1}>
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: fontSize * 5, bottom: 0, left: 0 }}>
          <XAxis type="number" hide />
          <YAxis
            type="category"
            dataKey="label"
            width={fontSize * 7}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            axisLine={false}
            tickLine={false}
          />
          <Bar dataKey="amount" fill={CHART_COLOURS.bar} minPointSize={2} isAnimationActive={false}>
            <LabelList
              dataKey="amount"
              position="right"
              fill={CHART_COLOURS.text}
              fontSize={fontSize}
              fontWeight={600}
              formatter={(value) => formatCount(Number(value), i18n.language)}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
