import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import { isAcknowledgementLate } from '../../../../src/domain';
import { acknowledgementParts } from '../record-text';
import { formatClock } from '../time';

type Order = IncidentDetail['orders'][number];

function OrderLine({ order, unitName, now }: { order: Order; unitName: string; now: string }) {
  const { t, i18n } = useTranslation();
  const late = isAcknowledgementLate(order, now);
  return (
    <li
      data-testid="order"
      data-unit-id={order.unitId}
      data-acknowledged={order.acknowledgement ? 'yes' : 'no'}
      className={`${order.acknowledgement ? 'acknowledged' : 'waiting'}${late ? ' late' : ''}`}
    >
      <span translate="no">{unitName}</span>
      <span>
        {order.acknowledgement
          ? t('ws.detail.acknowledged', {
              time: formatClock(order.acknowledgement.acknowledgedAt, i18n.language),
            }) + Object.values(acknowledgementParts(order.acknowledgement, t)).join('')
          : t('ws.detail.waiting', { time: formatClock(order.acknowledgeBy, i18n.language) })}
      </span>
      {late && <span className="late-flag">{t('ws.detail.lateAck')}</span>}
    </li>
  );
}

/** The units the incident was handed to, and whether each has acknowledged in time. */
export function OrderList({ detail, now }: { detail: IncidentDetail; now: string }) {
  const { t } = useTranslation();
  if (detail.orders.length === 0) return null;
  return (
    <section className="orders" data-testid="orders">
      <h3>{t('ws.detail.orders')}</h3>
      <ul>
        {detail.orders.map((order) => (
          <OrderLine
            key={order.id}
            order={order}
            unitName={detail.unitNames[order.unitId] ?? order.unitId}
            now={now}
          />
        ))}
      </ul>
    </section>
  );
}
