import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Briefing, IncidentCategory } from '../../../../src/domain';
import { CHART_COLOURS } from '../../figures/palette';

/** The five busiest types keep a colour of their own; the rest share one, so the stack stays readable. */
const NAMED_TYPES = 5;
const TYPE_COLOURS = ['#4CC3FF', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#8EA0BD'];
const OTHERS = 'others';

/** The day's arrivals hour by hour, stacked by type. */
export function ArrivalsSlide({ briefing, fontSize }: { briefing: Briefing; fontSize: number }) {
  const { t } = useTranslation();
  if (briefing.arrivals.total === 0) return <p className="slide-empty">{t('briefing.arrivals.none')}</p>;
  const byType = Object.entries(briefing.arrivals.byCategory) as [IncidentCategory, number[]][];
  const total = (hours: number[]) => hours.reduce((sum, n) => sum + n, 0);
  const ranked = byType.sort((a, b) => total(b[1]) - total(a[1]));
  const named = ranked.slice(0, NAMED_TYPES);
  const rest = ranked.slice(NAMED_TYPES);
  const hourly = Array.from({ length: 24 }, (_, hour) => {
    const row: Record<string, number | string> = { hour: t('briefing.arrivals.hour', { hour }) };
    for (const [type, hours] of named) row[type] = hours[hour]!;
    if (rest.length > 0) row[OTHERS] = rest.reduce((sum, [, hours]) => sum + hours[hour]!, 0);
    return row;
  });
  const perHour = Array.from({ length: 24 }, (_, hour) =>
    byType.reduce((sum, [, hours]) => sum + hours[hour]!, 0),
  );
  const peak = perHour.indexOf(Math.max(...perHour));
  const series = [...named.map(([type]) => type as string), ...(rest.length > 0 ? [OTHERS] : [])];
  return (
    <div className="slide-chart" data-testid="briefing-arrivals">
      <p className="slide-summary">
        {t('briefing.arrivals.summary', { total: briefing.arrivals.total, peak })}
      </p>
      <ResponsiveContainer width="100%" height="85%">
        <BarChart data={hourly} margin={{ top: fontSize, right: fontSize, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={CHART_COLOURS.grid} />
          <XAxis dataKey="hour" interval={1} tick={{ fill: CHART_COLOURS.text, fontSize }} tickLine={false} />
          <YAxis allowDecimals={false} tick={{ fill: CHART_COLOURS.muted, fontSize }} axisLine={false} />
          <Legend wrapperStyle={{ fontSize, color: CHART_COLOURS.text }} />
          {series.map((key, i) => (
            <Bar
              key={key}
              dataKey={key}
              stackId="arrivals"
              name={key === OTHERS ? t('briefing.arrivals.others') : t(`map.category.${key}`)}
              fill={TYPE_COLOURS[i]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
