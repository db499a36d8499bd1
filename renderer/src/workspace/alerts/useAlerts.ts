import { useEffect, useState } from 'react';
import { ALERT_TYPES, type AlertType } from '../../../../src/core/contract/alerts';
import { desktopApi } from '../../api-client';
import { playChime } from '../../map/alerts/chime';
import { acknowledged, parseMutes, toggledMute, withAlert, type Alert } from './alert-list';

export { ALERT_TYPES, type Alert, type AlertType };

const MUTED_KEY = 'pingan.alerts.muted';

const savedMutes = (): AlertType[] => parseMutes(localStorage.getItem(MUTED_KEY));

/**
 * The alerts the core raises (an incident turned high-risk, or went overdue in handling), kept until the
 * operator acknowledges them; each raises a chime unless its type is muted.
 */
export function useAlerts() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [muted, setMuted] = useState<AlertType[]>(savedMutes);

  useEffect(
    () =>
      desktopApi.on('alert', (alert) => {
        const silenced = savedMutes().includes(alert.type);
        if (!silenced) playChime();
        setAlerts((current) => withAlert(current, alert, silenced));
      }),
    [],
  );

  const acknowledge = (key?: string) => setAlerts((current) => acknowledged(current, key));
  const toggleMute = (type: AlertType) => {
    const next = toggledMute(muted, alerts, type);
    localStorage.setItem(MUTED_KEY, JSON.stringify(next.muted));
    setMuted(next.muted);
    if (!muted.includes(type)) setAlerts((current) => toggledMute(muted, current, type).alerts);
  };
  return { alerts, muted, acknowledge, toggleMute };
}
