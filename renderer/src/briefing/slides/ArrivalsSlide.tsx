import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Briefing, IncidentCategory } from '../../../../src/domain';
import { CHART_COLOURS } from '../../figures/palette';
import { arrivalBucketLabel, type PeriodWords } from '../period-words';

/** The five busiest types keep a colour of their own; the rest share one, so the stack stays readable. */
const NAMED_TYPES = 5;
const TYPE_COLOURS = ['#4CC3FF', '#E69F00', '#009E73', '#CC79A7', '#F0E442', '#8EA0BD'];
const OTHERS = 'others';
/** Beyond this many bars every other label is shown, so they stay legible from the back of the room. */
const LABEL_EVERY_BAR_UP_TO = 16;

/** The period's arrivals bucket by bucket (hour, day or week), stacked by type. */
export function ArrivalsSlide({
  briefing,
  words,
  fontSize,
}: {
  briefing: Briefing;
  words: PeriodWords;
  fontSize: number;
}) {
  const { t } = useTranslation();
  if (briefing.arrivals.total === 0)
    return <p className="slide-empty">{t('briefing.arrivals.none', { span: words.span })}</p>;
  const byType = Object.entries(briefing.arrivals.byCategory) as [IncidentCategory, number[]][];
  const buckets = byType[0]![1].length;
  const total = (counts: number[]) => counts.reduce((sum, n) => sum + n, 0);
  const ranked = byType.sort((a, b) => total(b[1]) - total(a[1]));
  const named = ranked.slice(0, NAMED_TYPES);
  const rest = ranked.slice(NAMED_TYPES);
  const rows = Array.from({ length: buckets }, (_, bucket) => {
    const row: Record<string, number | string> = { bucket: arrivalBucketLabel(t, briefing, bucket) };
    for (const [type, counts] of named) row[type] = counts[bucket]!;
    if (rest.length > 0) row[OTHERS] = rest.reduce((sum, [, counts]) => sum + counts[bucket]!, 0);
    return row;
  });
  const perBucket = Array.from({ length: buckets }, (_, bucket) =>
    byType.reduce((sum, [, counts]) => sum + counts[bucket]!, 0),
  );
  const peak = arrivalBucketLabel(t, briefing, perBucket.indexOf(Math.max(...perBucket)));
  const series = [...named.map(([type]) => type as string), ...(rest.length > 0 ? [OTHERS] : [])];
  return (
    <div className="slide-chart" data-testid="briefing-arrivals">
      <p className="slide-summary">
        {t('briefing.arrivals.summary', { total: briefing.arrivals.total, peak, span: words.span })}
      </p>
      <ResponsiveContainer width="100%" height="85%">
        <BarChart data={rows} margin={{ top: fontSize, right: fontSize, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke={CHART_COLOURS.grid} />
          <XAxis
            dataKey="bucket"
            interval={buckets > LABEL_EVERY_BAR_UP_TO ? 1 : 0}
            tick={{ fill: CHART_COLOURS.text, fontSize }}
            tickLine={false}
          />
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
