import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { coreLink } from '../api-client';
import { formatChinaTime } from '../words/china-time';
import { hubLink } from './hub-link';
import './i18n';
import './links.css';

export type LinkName = 'core' | 'hub';

export interface Links {
  /** The link that is down, the core's first: with the core gone, what it last said of the hub is stale too. */
  down: { link: LinkName; since: number | null } | null;
  /** Why an action cannot be taken now, in the operator's language; null when it can. */
  actionBlocked: string | null;
  /** What becomes of an action taken now, when that differs from "sent at once". */
  actionNote: string | null;
  /** "数据截至 HH:mm" while the figures on screen have stopped moving. */
  dataAsOf: string | null;
}

/**
 * Whether this screen is in touch: the renderer's link to its core, and the core's link to the hub. Both
 * are needed for the figures to be live; the core alone is needed for an action to be taken, since it
 * queues commands for the hub in its outbox.
 */
export function useLinks(): Links {
  const { t, i18n } = useTranslation();
  const core = useSyncExternalStore(coreLink.subscribe, coreLink.get);
  const hub = useSyncExternalStore(hubLink.subscribe, hubLink.get);
  const hubSince = hub?.connectionSince ? Date.parse(hub.connectionSince) : null;
  const down: Links['down'] =
    core.state === 'down'
      ? { link: 'core', since: core.since }
      : hub?.connection === 'offline'
        ? { link: 'hub', since: hubSince }
        : null;
  // The data stopped at the earlier drop: a hub already gone when the core went too took the data with it.
  const stoppedAt =
    down?.link === 'core' && hub?.connection === 'offline' && hubSince !== null
      ? Math.min(down.since!, hubSince)
      : (down?.since ?? null);
  return {
    down,
    actionBlocked: down?.link === 'core' ? t('links.blocked.core') : null,
    actionNote: down?.link === 'hub' ? t('links.queued') : null,
    dataAsOf:
      stoppedAt !== null
        ? t('links.dataAsOf', { time: formatChinaTime(stoppedAt, i18n.language, false) })
        : null,
  };
}
