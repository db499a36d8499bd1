import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { OPEN_RISK_GRADES, TIMED_STAGES, type Briefing } from '../../../../src/domain';
import { CHART_COLOURS, RISK_COLOURS } from '../../figures/palette';

/** What is open at the time of the figures: one bar per stage, split by risk. */
export function OpenSlide({ briefing, fontSize }: { briefing: Briefing; fontSize: number }) {
  const { t } = useTranslation();
  const data = TIMED_STAGES.map((stage) => ({ stage: t(`stage.${stage}`), ...briefing.open.byStage[stage] }));
  return (
    <div className="slide-chart" data-testid="briefing-open">
      <p className="slide-summary">{t('briefing.open.summary', { total: briefing.open.total })}</p>
      <ResponsiveContainer width="100%" height="85%">
        <BarChart
          data={data}
          layout="vertical"
          margin={{ top: fontSize, right: fontSize * 2, bottom: 0, left: 0 }}
        >
          <CartesianGrid horizontal={false} stroke={CHART_COLOURS.grid} />
          <XAxis type="number" allowDecimals={false} tick={{ fill: CHART_COLOURS.muted, fontSize }} />
          <YAxis
            type="category"
            dataKey="stage"
            width={fontSize * 6}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            axisLine={false}
            tickLine={false}
          />
          <Legend wrapperStyle={{ fontSize, color: CHART_COLOURS.text }} />
          {OPEN_RISK_GRADES.map((grade) => (
            <Bar
              key={grade}
              dataKey={grade}
              stackId="open"
              name={t(`risk.${grade}`)}
              fill={RISK_COLOURS[grade]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
