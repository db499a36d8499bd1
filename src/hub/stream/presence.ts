import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import type { OperatorClaims } from '../auth/tokens';

/** Who has an incident open right now: names and roles, one entry per account however many screens it uses. */
export interface Viewer {
  accountId: string;
  name: string;
  role: string;
}

export const presenceRequestSchema = z.object({ incidentId: z.string().min(1).max(200).nullable() }).strict();

const ROOM_PREFIX = 'viewing:';
const roomOf = (incidentId: string) => `${ROOM_PREFIX}${incidentId}`;

/**
 * Presence lives in socket.io rooms rather than a table: it is true only while a screen is connected, and
 * through the Redis adapter `fetchSockets` sees the screens on every hub process.
 */
export class Presence {
  constructor(private readonly io: Server) {}

  async viewers(incidentId: string): Promise<Viewer[]> {
    const sockets = await this.io.in(roomOf(incidentId)).fetchSockets();
    const byAccount = new Map<string, Viewer>();
    for (const socket of sockets) {
      const claims = socket.data.claims as OperatorClaims;
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
    this.io.to(roomOf(incidentId)).emit('presence', { incidentId, viewers: await this.viewers(incidentId) });
  }

  /** The socket now has `incidentId` open (or nothing): leaves its previous incident and joins this one. */
  async open(socket: Socket, incidentId: string | null): Promise<Viewer[]> {
    const left = this.openOn(socket).filter((id) => id !== incidentId);
    for (const id of left) await socket.leave(roomOf(id));
    if (incidentId !== null) await socket.join(roomOf(incidentId));
    await Promise.all([...left, ...(incidentId ? [incidentId] : [])].map((id) => this.announce(id)));
    return incidentId ? this.viewers(incidentId) : [];
  }

  /** Incidents the socket has open; called while it is disconnecting, so its rooms are still known. */
  openOn(socket: Socket): string[] {
    return [...socket.rooms]
      .filter((room) => room.startsWith(ROOM_PREFIX))
      .map((room) => room.slice(ROOM_PREFIX.length));
  }
}
