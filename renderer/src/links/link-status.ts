import type { CoreLinkState } from './core-link';
import type { HubLinkState } from './hub-link';

export type LinkName = 'core' | 'hub';

export interface LinkStatus {
  /** The link that is down, the core's first: with the core gone, what it last said of the hub is stale too. */
  down: { link: LinkName; since: number | null } | null;
  /** When the figures on screen stopped moving; null while they are live. */
  stoppedAt: number | null;
}

/**
 * Whether the screen is in touch, from the renderer's link to its core and the core's last word on its link to
 * the hub. Both are needed for the figures to be live.
 */
export function linkStatus(core: CoreLinkState, hub: HubLinkState): LinkStatus {
  const hubSince = hub?.connectionSince ? Date.parse(hub.connectionSince) : null;
  const down: LinkStatus['down'] =
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
  return { down, stoppedAt };
}
