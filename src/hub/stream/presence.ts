import { SERVER_EVENTS } from '../../protocol';
import type { HubServer, HubSocket } from './socket-types';

/** Who has an incident open right now: names and roles, one entry per account however many screens it uses. */
export interface Viewer {
  accountId: string;
  name: string;
  role: string;
}

const ROOM_PREFIX = 'viewing:';
const roomOf = (incidentId: string) => `${ROOM_PREFIX}${incidentId}`;

/**
 * How long a screen's claim to have an incident open lasts without being restated. The page restates it
 * every few seconds while it shows the incident; a page that closes stops, even though its desktop core
 * (and that core's connection here) lives on, and its name leaves the others' screens within this time.
 */
export const PRESENCE_LEASE_MS = 7_000;
const SWEEP_MS = 1_000;

/**
 * Presence lives in socket.io rooms rather than a table: it is true only while a screen is connected and
 * keeps restating it, and through the Redis adapter `fetchSockets` sees the screens on every hub process.
 * Each process sweeps the lapsed claims of its own sockets.
 */
export class Presence {
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly io: HubServer) {
    // A sweep that fails (a Redis hiccup while announcing) is retried by the next one, a second later.
    this.sweeper = setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS);
    this.sweeper.unref();
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  /** Claims not restated within the lease are dropped, and those still looking are told. */
  private async sweep(): Promise<void> {
    const lapsedBefore = Date.now() - PRESENCE_LEASE_MS;
    for (const socket of this.io.of('/').sockets.values()) {
      const renewedAt = socket.data.presenceRenewedAt ?? 0;
      if (renewedAt >= lapsedBefore) continue;
      const open = this.openOn(socket);
      if (open.length === 0) continue;
      for (const id of open) await socket.leave(roomOf(id));
      await Promise.all(open.map((id) => this.announce(id)));
    }
  }

  async viewers(incidentId: string): Promise<Viewer[]> {
    const sockets = await this.io.in(roomOf(incidentId)).fetchSockets();
    const byAccount = new Map<string, Viewer>();
    for (const socket of sockets) {
      const claims = socket.data.claims;
      byAccount.set(claims.accountId, {
        accountId: claims.accountId,
        name: claims.person ?? claims.name,
        role: claims.role,
      });
    }
    return [...byAccount.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Tells everyone with `incidentId` open who has it open now. */
  async announce(incidentId: string): Promise<void> {
    this.io
      .to(roomOf(incidentId))
      .emit(SERVER_EVENTS.presence, { incidentId, viewers: await this.viewers(incidentId) });
  }

  /**
   * The socket now has `incidentId` open (or nothing): leaves its previous incident and joins this one.
   * Restating what it already has open renews its lease, and tells nobody anything new.
   */
  async open(socket: HubSocket, incidentId: string | null): Promise<Viewer[]> {
    socket.data.presenceRenewedAt = Date.now();
    const wasOpen = this.openOn(socket);
    const left = wasOpen.filter((id) => id !== incidentId);
    const joined = incidentId !== null && !wasOpen.includes(incidentId);
    for (const id of left) await socket.leave(roomOf(id));
    if (incidentId !== null) await socket.join(roomOf(incidentId));
    await Promise.all([...left, ...(joined ? [incidentId] : [])].map((id) => this.announce(id)));
    return incidentId ? this.viewers(incidentId) : [];
  }

  /** Incidents the socket has open; called while it is disconnecting, so its rooms are still known. */
  openOn(socket: HubSocket): string[] {
    return [...socket.rooms]
      .filter((room) => room.startsWith(ROOM_PREFIX))
      .map((room) => room.slice(ROOM_PREFIX.length));
  }
}
