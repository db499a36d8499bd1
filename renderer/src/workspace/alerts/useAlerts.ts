import { useEffect, useState } from 'react';
import { ALERT_TYPES, type AlertType, type IncidentAlert } from '../../../../src/core/contract/alerts';
import { desktopApi } from '../../api-client';
import { playChime } from '../../map/alerts/chime';

export { ALERT_TYPES, type AlertType };

export interface Alert extends IncidentAlert {
  key: string;
  acknowledged: boolean;
}

const MUTED_KEY = 'pingan.alerts.muted';
const KEEP = 200;

function savedMutes(): AlertType[] {
  try {
    return (JSON.parse(localStorage.getItem(MUTED_KEY) ?? '[]') as AlertType[]).filter((type) =>
      (ALERT_TYPES as readonly string[]).includes(type),
    );
  } catch {
    return [];
  }
}

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
        setAlerts((current) =>
          [{ ...alert, key: `${alert.type}:${alert.incidentId}`, acknowledged: silenced }, ...current].slice(
            0,
            KEEP,
          ),
        );
      }),
    [],
  );

  const acknowledge = (key?: string) =>
    setAlerts((current) =>
      current.map((alert) =>
        key === undefined || alert.key === key ? { ...alert, acknowledged: true } : alert,
      ),
    );
  const toggleMute = (type: AlertType) => {
    const muting = !muted.includes(type);
    const next = muting ? [...muted, type] : muted.filter((m) => m !== type);
    localStorage.setItem(MUTED_KEY, JSON.stringify(next));
    setMuted(next);
    if (muting)
      setAlerts((current) => current.map((a) => (a.type === type ? { ...a, acknowledged: true } : a)));
  };
  return { alerts, muted, acknowledge, toggleMute };
}
