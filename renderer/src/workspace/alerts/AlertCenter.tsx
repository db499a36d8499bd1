import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_TYPES, useAlerts } from './useAlerts';

/** The alert bell: unacknowledged alerts in a banner that stays, the list and per-type mutes behind it. */
export function AlertCenter({ onOpen }: { onOpen(incidentId: string): void }) {
  const { t, i18n } = useTranslation();
  const { alerts, muted, acknowledge, toggleMute } = useAlerts();
  const [listOpen, setListOpen] = useState(false);
  const waiting = alerts.filter((alert) => !alert.acknowledged);
  const latest = waiting[0];
  return (
    <div className="alert-center">
      {latest && (
        <div className={`alert-banner alert-${latest.type}`} role="alert" data-testid="alert-banner">
          <strong>{t(`ws.alerts.${latest.type}`)}</strong>
          <button className="link" translate="no" onClick={() => onOpen(latest.incidentId)}>
            {latest.title}
          </button>
          {waiting.length > 1 && <span>{t('ws.alerts.count', { count: waiting.length })}</span>}
          <button data-testid="alert-ack" onClick={() => acknowledge(latest.key)}>
            {t('ws.alerts.acknowledge')}
          </button>
          {waiting.length > 1 && (
            <button onClick={() => acknowledge()}>{t('ws.alerts.acknowledgeAll')}</button>
          )}
          <button
            className={`alert-bell${waiting.length > 0 ? ' ringing' : ''}`}
            data-testid="alert-bell"
            onClick={() => setListOpen(!listOpen)}
          >
            {t('ws.alerts.title')} {waiting.length > 0 && <span className="badge">{waiting.length}</span>}
          </button>
        </div>
      )}
      {listOpen && (
        <div className="alert-list" data-testid="alert-list">
          <div className="alert-mutes">
            {ALERT_TYPES.map((type) => (
              <button key={type} data-testid={`alert-mute-${type}`} onClick={() => toggleMute(type)}>
                {t(`ws.alerts.${type}`)} ·{' '}
                {muted.includes(type) ? t('ws.alerts.unmute') : t('ws.alerts.mute')}
              </button>
            ))}
          </div>
          {alerts.length === 0 && <p className="notice">{t('ws.alerts.none')}</p>}
          <ul>
            {alerts.map((alert) => (
              <li key={alert.key} className={alert.acknowledged ? 'acknowledged' : ''}>
                <time>
                  {new Date(alert.at).toLocaleTimeString(i18n.language, {
                    hour12: false,
                    timeZone: 'Asia/Shanghai',
                  })}
                </time>
                <span>{t(`ws.alerts.${alert.type}`)}</span>
                <button className="link" translate="no" onClick={() => onOpen(alert.incidentId)}>
                  {alert.title}
                </button>
                {!alert.acknowledged && (
                  <button onClick={() => acknowledge(alert.key)}>{t('ws.alerts.acknowledge')}</button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
