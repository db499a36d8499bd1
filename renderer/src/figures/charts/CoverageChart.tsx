import { useTranslation } from 'react-i18next';
import { Bar, BarChart, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { TownshipCoverage } from '../../../../src/core/contract/figures';
import { CHART_TEXT_REM, remInPixels } from '../chart-text';
import { formatRate } from '../format';
import { CHART_COLOURS, COVERAGE_COLOURS } from '../palette';
import { ChartFrame } from './ChartFrame';

/** The townships to look at first. */
const SHOWN = 10;

/**
 * Per township, worst online rate first: the share of its key places and roads in view of an online point
 * (monitoring coverage) beside the share of its points online, each bar labelled with its figure.
 */
export function CoverageChart({
  townships,
  villages,
}: {
  townships: readonly TownshipCoverage[];
  villages: readonly TownshipCoverage[];
}) {
  const { t, i18n } = useTranslation();
  const fontSize = remInPixels(CHART_TEXT_REM);
  const locale = i18n.language;
  const label = (rate: number | null, none: string) => (rate === null ? none : formatRate(rate, locale));
  const data = townships.slice(0, SHOWN).map((township) => ({
    name: township.name,
    coverage: township.coverage.overall.rate ?? 0,
    online: township.rate ?? 0,
    coverageLabel: label(township.coverage.overall.rate, t('figures.coverage.nothingToWatch')),
    onlineLabel: label(township.rate, t('figures.coverage.none')),
  }));
  return (
    <ChartFrame
      testId="chart-coverage"
      area="coverage"
      title={t('figures.coverage.title', { shown: Math.min(SHOWN, townships.length) })}
    >
      {/* Township names are data: not for translation. */}
      <div translate="no">
        <ResponsiveContainer width="100%" height={Math.max(data.length, 1) * fontSize * 3.4}>
          <BarChart
            data={data}
            layout="vertical"
            barGap={2}
            margin={{ top: 0, right: fontSize * 4, bottom: 0, left: 0 }}
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
              dataKey="coverage"
              fill={COVERAGE_COLOURS.coverage}
              minPointSize={2}
              isAnimationActive={false}
            >
              <LabelList
                dataKey="coverageLabel"
                position="right"
                fill={CHART_COLOURS.text}
                fontSize={fontSize}
              />
            </Bar>
            <Bar dataKey="online" fill={COVERAGE_COLOURS.online} minPointSize={2} isAnimationActive={false}>
              <LabelList
                dataKey="onlineLabel"
                position="right"
                fill={CHART_COLOURS.text}
                fontSize={fontSize}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="figure-legend">
        <li>
          <span
            className="figure-swatch"
            style={{ background: COVERAGE_COLOURS.coverage }}
            aria-hidden="true"
          />
          {t('figures.coverage.coverageRate')}
        </li>
        <li>
          <span
            className="figure-swatch"
            style={{ background: COVERAGE_COLOURS.online }}
            aria-hidden="true"
          />
          {t('figures.coverage.onlineRate')}
        </li>
      </ul>
      <VillageCoverageTable villages={villages} />
    </ChartFrame>
  );
}

/** The scope's least covered villages: what is in view of how much there is to watch, and the points online. */
function VillageCoverageTable({ villages }: { villages: readonly TownshipCoverage[] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (villages.length === 0) return null;
  const share = (covered: number, total: number) =>
    t('figures.coverage.share', {
      covered: covered.toLocaleString(locale),
      total: total.toLocaleString(locale),
    });
  return (
    <table className="coverage-villages" data-testid="coverage-villages">
      <caption>{t('figures.coverage.villages', { shown: villages.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('figures.coverage.village')}</th>
          <th scope="col">{t('figures.coverage.places')}</th>
          <th scope="col">{t('figures.coverage.roads')}</th>
          <th scope="col">{t('figures.coverage.coverageRate')}</th>
          <th scope="col">{t('figures.coverage.onlineRate')}</th>
        </tr>
      </thead>
      <tbody>
        {villages.map((village) => (
          <tr key={village.code}>
            <th scope="row" translate="no">
              {village.name}
            </th>
            <td>{share(village.coverage.places.covered, village.coverage.places.total)}</td>
            <td>{share(village.coverage.roads.covered, village.coverage.roads.total)}</td>
            <td>{formatRate(village.coverage.overall.rate, locale)}</td>
            <td>{formatRate(village.rate, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
