import { useTranslation } from 'react-i18next';
import type { Briefing } from '../../../../src/domain';
import type { PeriodWords } from '../period-words';
import { BarList } from './BarList';

/** In wartime: the period's orders, and each unit's acknowledgement rate, the slowest first. */
export function OrdersSlide({
  orders,
  words,
}: {
  orders: NonNullable<Briefing['orders']>;
  words: PeriodWords;
}) {
  const { t } = useTranslation();
  if (orders.issued === 0)
    return <p className="slide-empty">{t('briefing.orders.none', { span: words.span })}</p>;
  return (
    <div data-testid="briefing-orders">
      <p className="slide-summary">{t('briefing.orders.summary', { ...orders, span: words.span })}</p>
      <BarList
        testId="briefing-orders-units"
        colour="#009E73"
        rows={orders.byUnit.slice(0, 12).map((unit) => ({
          key: unit.unitId,
          label: unit.unitName,
          value: unit.rate,
          text: `${Math.round(unit.rate * 100)}% · ${t('briefing.orders.unit', unit)}`,
          alert: unit.late > 0,
        }))}
      />
    </div>
  );
}
