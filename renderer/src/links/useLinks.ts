import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { coreLink } from '../api-client';
import { formatChinaTime } from '../words/china-time';
import { hubLink } from './hub-link';
import { linkStatus, type LinkStatus } from './link-status';
import './i18n';
import './links.css';

export interface Links {
  down: LinkStatus['down'];
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
  const { down, stoppedAt } = linkStatus(core, hub);
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
