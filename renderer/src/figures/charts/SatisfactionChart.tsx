import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { Figures } from '../../../../src/core/contract/figures';
import { SATISFACTIONS } from '../../../../src/domain';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatCount, formatRate, formatWholePercent } from '../format';
import { SATISFACTION_COLOURS, SATISFACTION_TEXT_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** A segment narrower than this has no room for its share, which the legend below gives anyway. */
const LABELLED_SEGMENT_SHARE = 0.12;

/**
 * The verdicts of the follow-up calls as one stacked bar, in the order of the legend below, which names
 * each with its count and share.
 */
export function SatisfactionChart({ counts }: { counts: Figures['satisfaction']['counts'] }) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const calls = SATISFACTIONS.reduce((sum, verdict) => sum + counts[verdict], 0);
  return (
    <ChartFrame testId="chart-satisfaction" area="satisfaction" title={t('figures.satisfaction.title')}>
      <ResponsiveContainer width="100%" height={fontSize * 3}>
        <BarChart data={[counts]} layout="vertical" margin={{ top: 0, right: 0, bottom: 0, left: 0 }}>
          <XAxis type="number" hide domain={[0, Math.max(calls, 1)]} />
          <YAxis type="category" hide />
          {SATISFACTIONS.map((verdict) => (
            <Bar
              key={verdict}
              dataKey={verdict}
              stackId="calls"
              fill={SATISFACTION_COLOURS[verdict]}
              isAnimationActive={false}
            >
              <LabelList
                dataKey={verdict}
                position="center"
                fill={SATISFACTION_TEXT_COLOURS[verdict]}
                fontSize={fontSize}
                fontWeight={600}
                formatter={(value) => {
                  const share = Number(value) / calls;
                  return share >= LABELLED_SEGMENT_SHARE ? formatWholePercent(share, i18n.language) : '';
                }}
              />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="figure-legend figure-legend-table">
        {SATISFACTIONS.map((verdict) => (
          <li key={verdict}>
            <span
              className="figure-swatch"
              style={{ background: SATISFACTION_COLOURS[verdict] }}
              aria-hidden="true"
            />
            <span>{t(`figures.satisfaction.${verdict}`)}</span>
            <span className="figure-legend-value">{formatCount(counts[verdict], i18n.language)}</span>
            <span className="figure-legend-share">
              {formatRate(calls === 0 ? null : counts[verdict] / calls, i18n.language)}
            </span>
          </li>
        ))}
      </ul>
    </ChartFrame>
  );
}
