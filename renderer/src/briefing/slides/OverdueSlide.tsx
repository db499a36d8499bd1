import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../src/domain';
import { BarList } from './BarList';

/** Overdue incidents per responsible unit, most first: the units the centre has to chase. */
export function OverdueSlide({ briefing }: { briefing: Briefing }) {
  const { t } = useTranslation();
  if (briefing.overdueByUnit.length === 0) return <p className="slide-empty">{t('briefing.overdue.none')}</p>;
  return (
    <BarList
      testId="briefing-overdue"
      colour="#D55E00"
      rows={briefing.overdueByUnit.slice(0, 12).map((row) => ({
        key: row.unitId ?? 'centre',
        label: row.unitId === null ? t('briefing.overdue.unassigned') : (row.unitName ?? row.unitId),
        value: row.count,
        text: t('briefing.overdue.count', { count: row.count }),
      }))}
    />
  );
}
