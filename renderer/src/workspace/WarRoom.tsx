import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WARTIME_DAY, chinaMinuteOfDay, type Mode } from '../../../src/domain';
import { useLiveQuery } from '../hooks/useDesktop';
import { formatWholePercent } from '../figures/format';
import { SlaGrid } from './SlaGrid';
import { formatClock } from './time';
import { StaleNote } from '../links/StaleNote';

const WAR_ROOM_KINDS = ['order', 'incident', 'force'] as const;
/** A reminder shows this long before each step of the daily cycle. */
const REMIND_MINUTES = 15;

/** 每日研判 → 每日调度 → 每日通报, with the next one and a reminder as it approaches. */
export function DailyCycle() {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  // The cycle's times are China's, whatever the machine's time zone.
  const current = chinaMinuteOfDay(now.getTime());
  const steps = WARTIME_DAY.map((step) => {
    const [h, m] = step.at.split(':').map(Number) as [number, number];
    return { ...step, minutes: h * 60 + m };
  });
  const next = steps.find((step) => step.minutes > current);
  return (
    <section className="war-card daily-cycle" data-testid="daily-cycle">
      <h3>{t('ws.war.cycle')}</h3>
      <ol>
        {steps.map((step) => {
          const until = step.minutes - current;
          const soon = until > 0 && until <= REMIND_MINUTES;
          return (
            <li
              key={step.activity}
              className={`${until <= 0 ? 'done' : ''}${soon ? ' soon' : ''}${step === next ? ' next' : ''}`}
            >
              <time>{step.at}</time>
              <span>{t(`ws.war.${step.activity}`)}</span>
              {until <= 0 && <span className="muted">{t('ws.war.done')}</span>}
              {soon && (
                <span className="reminder" role="status">
                  {t('ws.war.soon', { minutes: until })}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p className="cycle-next" data-testid="cycle-next">
        {next
          ? t('ws.war.next', { name: t(`ws.war.${next.activity}`), time: next.at })
          : t('ws.war.next', {
              name: t(`ws.war.${steps[0]!.activity}`),
              time: t('ws.war.tomorrow', { time: steps[0]!.at }),
            })}
      </p>
    </section>
  );
}

/** The SLA table in force for `mode`, as the hub's admin configured it (or the defaults). */
export function SlaTable({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  const sla = useLiveQuery('sla.get', {}, ['sla']);
  if (sla.state !== 'ready') return null;
  const table = sla.value.config[mode];
  return (
    <section className="war-card sla-table" data-testid={`sla-table-${mode}`}>
      <h3>{t('ws.sla.tableTitle', { mode: t(`mode.${mode}`) })}</h3>
      <SlaGrid
        cell={(stage, risk) => (
          <td key={risk} data-testid={`sla-${mode}-${stage}-${risk}`}>
            {table[stage][risk]}
          </td>
        )}
      />
      <p className="muted">
        {sla.value.configuredAt
          ? t('ws.sla.configuredAt', { place: sla.value.configuredAtName ?? '' })
          : t('ws.sla.defaults')}
      </p>
    </section>
  );
}

/** Beside the war-room map: today's orders and acknowledgements, the joint-office roster, the forces. */
export function WarRoomPanels({ scope }: { scope?: string }) {
  const { t, i18n } = useTranslation();
  const room = useLiveQuery('warRoom.get', scope ? { scope } : {}, WAR_ROOM_KINDS, 1000);
  const value = room.state === 'ready' ? room.value : null;
  const acknowledged = value?.orders.filter((order) => order.acknowledgedAt).length ?? 0;
  const checkedIn = value?.roster.filter((entry) => entry.checkedInAt).length ?? 0;
  return (
    <div className="war-room-panels" data-testid="war-room-panels">
      <StaleNote />
      <DailyCycle />
      <section className="war-card" data-testid="war-orders">
        <h3>
          {t('ws.war.orders')}
          {value && value.orders.length > 0 && (
            <span className="muted">
              {' · '}
              {t('ws.war.ackRate', {
                rate: formatWholePercent(acknowledged / value.orders.length, i18n.language),
              })}
            </span>
          )}
        </h3>
        {value && value.orders.length === 0 && <p className="notice">{t('ws.war.ordersEmpty')}</p>}
        <ul className="war-orders">
          {value?.orders.slice(0, 40).map((order) => (
            <li
              key={order.orderId}
              className={`${order.acknowledgedAt ? 'acknowledged' : 'waiting'}${order.late ? ' late' : ''}`}
            >
              <span translate="no">{order.unitName}</span>
              <span translate="no" className="muted">
                {order.incidentTitle}
              </span>
              <span>
                {order.acknowledgedAt
                  ? t('ws.detail.acknowledged', { time: formatClock(order.acknowledgedAt, i18n.language) })
                  : t('ws.detail.waiting', { time: formatClock(order.acknowledgeBy, i18n.language) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="war-card" data-testid="war-roster">
        <h3>
          {t('ws.war.roster')}
          <span className="muted">
            {' '}
            · {t('ws.war.rosterCount', { done: checkedIn, total: value?.roster.length ?? 0 })}
          </span>
        </h3>
        <ul className="roster">
          {value?.roster.map((entry) => (
            <li key={entry.unitId} className={entry.checkedInAt ? 'checked-in' : 'not-in'}>
              <span translate="no">{entry.unitName}</span>
              <span>
                {entry.checkedInAt ? formatClock(entry.checkedInAt, i18n.language) : t('ws.war.notIn')}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="war-card" data-testid="war-forces">
        <h3>{t('ws.war.forces')}</h3>
        <ul className="force-deployment">
          {value?.forces.map((force) => (
            <li key={force.kind}>
              <span>{t(`map.force.${force.kind}`)}</span>
              <meter min={0} max={Math.max(1, force.total)} value={force.active} />
              <span>
                {t('ws.war.forceActive', {
                  active: force.active,
                  total: force.total,
                  members: force.members,
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <SlaTable mode="wartime" />
    </div>
  );
}
