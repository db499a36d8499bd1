import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../src/domain';
import type { PeriodWords } from '../period-words';
import { BarList } from './BarList';

/** The villages where the period's incidents arose, most first. */
export function HotspotSlide({
  briefing,
  names,
  words,
}: {
  briefing: Briefing;
  names: Record<string, string>;
  words: PeriodWords;
}) {
  const { t } = useTranslation();
  if (briefing.hotspots.villages.length === 0)
    return <p className="slide-empty">{t('briefing.hotspots.none', { span: words.span })}</p>;
  return (
    <BarList
      testId="briefing-hotspots"
      colour="#E69F00"
      rows={briefing.hotspots.villages.slice(0, 12).map((village) => ({
        key: village.code,
        label: names[village.code] ?? village.code,
        value: village.count,
        text: t('briefing.hotspots.count', { count: village.count }),
      }))}
    />
  );
}
