import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueFilter, QueueRow } from '../../../../src/core/contract/queue';
import { desktopApi } from '../../api-client';
import { playChime } from '../../map/alerts/chime';

export const ALERT_TYPES = ['high-risk', 'overdue'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface Alert {
  key: string;
  type: AlertType;
  incidentId: string;
  title: string;
  raisedAt: number;
  acknowledged: boolean;
}

const WATCHES: Record<AlertType, QueueFilter> = {
  'high-risk': {
    risks: ['high'],
    stages: ['report', 'assess', 'assign', 'resolve', 'supervise', 'followUp'],
  },
  overdue: { overdueOnly: true, stages: ['assign', 'resolve', 'supervise'] },
};
const MUTED_KEY = 'pingan.alerts.muted';
const CHECK_EVERY_MS = 5_000;
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
 * High-risk arrivals and incidents gone overdue in handling raise an alert that stays until acknowledged,
 * with a chime unless the type is muted. What is already high-risk or overdue when the screen opens is
 * the queue's business, not an alert: only what turns so while the operator watches is raised.
 */
export function useAlerts() {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [muted, setMuted] = useState<AlertType[]>(savedMutes);
  const seen = useRef<Record<AlertType, Set<string> | null>>({ 'high-risk': null, overdue: null });
  const mutedRef = useRef(muted);
  mutedRef.current = muted;

  const check = useCallback(async () => {
    const raised: Alert[] = [];
    for (const type of ALERT_TYPES) {
      const result = await desktopApi.call('queue.window', {
        filter: WATCHES[type],
        sort: 'updated',
        limit: 100,
      });
      if (!result.ok) continue;
      const known = seen.current[type];
      const rows: QueueRow[] = result.value.rows;
      if (known === null) {
        seen.current[type] = new Set(rows.map((row) => row.id));
        continue;
      }
      for (const row of rows) {
        if (known.has(row.id)) continue;
        known.add(row.id);
        raised.push({
          key: `${type}:${row.id}`,
          type,
          incidentId: row.id,
          title: row.title,
          raisedAt: Date.now(),
          acknowledged: mutedRef.current.includes(type),
        });
      }
    }
    if (raised.length === 0) return;
    if (raised.some((alert) => !alert.acknowledged)) playChime();
    setAlerts((current) => [...raised, ...current].slice(0, KEEP));
  }, []);

  useEffect(() => {
    void check();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = desktopApi.on('changed', (change) => {
      if (timer || !change.kinds.includes('incident')) return;
      timer = setTimeout(() => {
        timer = undefined;
        void check();
      }, 1000);
    });
    const clock = setInterval(() => void check(), CHECK_EVERY_MS * 6);
    return () => {
      stop();
      clearTimeout(timer);
      clearInterval(clock);
    };
  }, [check]);

  const acknowledge = (key?: string) =>
    setAlerts((current) =>
      current.map((alert) =>
        key === undefined || alert.key === key ? { ...alert, acknowledged: true } : alert,
      ),
    );
  const toggleMute = (type: AlertType) => {
    const next = muted.includes(type) ? muted.filter((m) => m !== type) : [...muted, type];
    localStorage.setItem(MUTED_KEY, JSON.stringify(next));
    setMuted(next);
    if (!muted.includes(type))
      setAlerts((current) => current.map((a) => (a.type === type ? { ...a, acknowledged: true } : a)));
  };
  return { alerts, muted, acknowledge, toggleMute };
}
