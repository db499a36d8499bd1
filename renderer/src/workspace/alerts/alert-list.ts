import { ALERT_TYPES, type AlertType, type IncidentAlert } from '../../../../src/core/contract/alerts';

export interface Alert extends IncidentAlert {
  key: string;
  acknowledged: boolean;
}

/** The alert centre keeps this many, newest first. */
export const KEEP_ALERTS = 200;

/** A new alert on top of the list; one of a muted type arrives already acknowledged, since nobody was called. */
export function withAlert(current: readonly Alert[], alert: IncidentAlert, silenced: boolean): Alert[] {
  const received = { ...alert, key: `${alert.type}:${alert.incidentId}`, acknowledged: silenced };
  return [received, ...current].slice(0, KEEP_ALERTS);
}

/** The list with one alert acknowledged, or every alert when no key is given. */
export function acknowledged(current: readonly Alert[], key?: string): Alert[] {
  return current.map((alert) =>
    key === undefined || alert.key === key ? { ...alert, acknowledged: true } : alert,
  );
}

/** The types muted after the operator switches `type`; muting a type acknowledges what it already raised. */
export function toggledMute(
  muted: readonly AlertType[],
  alerts: readonly Alert[],
  type: AlertType,
): { muted: AlertType[]; alerts: Alert[] } {
  if (muted.includes(type)) return { muted: muted.filter((m) => m !== type), alerts: [...alerts] };
  return {
    muted: [...muted, type],
    alerts: alerts.map((alert) => (alert.type === type ? { ...alert, acknowledged: true } : alert)),
  };
}

/** The muted types as saved: anything unreadable or no longer a type is dropped. */
export function parseMutes(saved: string | null): AlertType[] {
  try {
    const parsed: unknown = JSON.parse(saved ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((type): type is AlertType => (ALERT_TYPES as readonly unknown[]).includes(type));
  } catch {
    return [];
  }
}
