import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol';
import type { OperatorClaims } from '../auth/tokens';

/** Whose stream it is: the scope it follows and the role it is seen through. */
export interface Audience {
  scope: string;
  role: string;
}

/** What hub processes tell each other through the Redis adapter. */
export interface InterServerEvents {
  /** The shared log has grown: read it. */
  committed: () => void;
  /** The tokens of this account were revoked (locked, password changed …): end its live connections. */
  revoked: (accountId: string) => void;
}

/** What the hub keeps on each connection: never sent anywhere. */
export interface SocketData {
  claims: OperatorClaims;
  /** Set once subscribed: the stream the socket follows. */
  audience?: Audience;
  /** When the socket last restated the incident it has open. */
  presenceRenewedAt?: number;
}

export type HubServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type HubSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
