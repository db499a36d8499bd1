import type { SessionStatus } from '../../../src/core/contract/api';
import { desktopApi } from '../api-client';

/** The core's link to the hub, as its status last said; undefined until the core has said anything. */
export type HubLinkState = Pick<SessionStatus, 'connection' | 'connectionSince'> | undefined;

type Listener = () => void;
const listeners = new Set<Listener>();
let current: HubLinkState;
let listening = false;

function take(status: SessionStatus): void {
  if (current?.connection === status.connection && current.connectionSince === status.connectionSince) return;
  current = { connection: status.connection, connectionSince: status.connectionSince };
  listeners.forEach((listener) => listener());
}

/** One subscription to the core's status for every component that reads the hub link, made on first use. */
export const hubLink = {
  get: (): HubLinkState => current,
  subscribe(listener: Listener): () => void {
    if (!listening) {
      listening = true;
      desktopApi.on('status', take);
      void desktopApi.call('session.status', {}).then((result) => result.ok && take(result.value));
    }
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
