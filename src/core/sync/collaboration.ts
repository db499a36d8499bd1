import type { Socket } from 'socket.io-client';
import { z } from 'zod';
import type { LocalCache } from '../cache/local-cache';

import {
  PRESENCE_RENEW_MS,
  directoryEntrySchema,
  viewerSchema,
  type DirectoryEntry,
  type Viewer,
} from '../contract/presence';

const presenceMessageSchema = z.object({ incidentId: z.string(), viewers: z.array(viewerSchema) });
const directoryAnswerSchema = z.object({ ok: z.literal(true), accounts: z.array(directoryEntrySchema) });

const DIRECTORY_SETTING = 'directory';
const DIRECTORY_RETRY_MS = 5_000;

/**
 * What this screen shares with the other screens through the hub, beyond the log: which incident it has
 * open (so others see who else is looking), and the names behind the account ids in the record. The open
 * incident is restated on every reconnect, since the hub forgets a screen when its connection drops.
 */
export class Collaboration {
  private socket: Socket | undefined;
  private openIncident: string | null = null;
  /** When a page last said it shows `openIncident`: a reconnect restates it only while pages keep saying so. */
  private openRenewedAt = 0;
  private viewers: { incidentId: string; viewers: Viewer[] } | null = null;
  private directory: Map<string, DirectoryEntry>;

  constructor(
    private readonly cache: LocalCache,
    private readonly onPresence: (presence: { incidentId: string; viewers: Viewer[] }) => void,
  ) {
    const saved = cache.getSetting(DIRECTORY_SETTING);
    const entries = saved ? z.array(directoryEntrySchema).safeParse(JSON.parse(saved)) : undefined;
    this.directory = new Map((entries?.success ? entries.data : []).map((entry) => [entry.id, entry]));
  }

  online(socket: Socket): void {
    if (this.socket !== socket) {
      this.socket = socket;
      socket.on('presence', (raw: unknown) => {
        const message = presenceMessageSchema.safeParse(raw);
        if (!message.success || message.data.incidentId !== this.openIncident) return;
        this.viewers = message.data;
        this.onPresence(message.data);
      });
    }
    void this.sendOpenIncident();
    void this.refreshDirectory(socket);
  }

  /** The incident this screen shows now; null when none. A page restates it to keep its presence alive. */
  async open(incidentId: string | null): Promise<Viewer[]> {
    if (incidentId !== this.openIncident) this.viewers = null;
    this.openIncident = incidentId;
    this.openRenewedAt = Date.now();
    return this.sendOpenIncident();
  }

  currentViewers(incidentId: string): Viewer[] {
    return this.viewers?.incidentId === incidentId ? this.viewers.viewers : [];
  }

  /**
   * The person or system behind an account id, by post and name (值班员 李明); undefined when the hub has not
   * named it yet (an account made since this screen connected, which sends for the directory again, or a
   * screen offline since its first start). Never the id itself: ids are not for people to read.
   */
  nameOf(accountId: string): string | undefined {
    const entry = this.directory.get(accountId);
    if (!entry) {
      this.refreshSoon();
      return undefined;
    }
    return entry.displayName ? [entry.post, entry.displayName].filter(Boolean).join(' ') : entry.name;
  }

  private refreshing = false;

  private refreshSoon(): void {
    const socket = this.socket;
    if (this.refreshing || !socket?.connected) return;
    this.refreshing = true;
    void this.refreshDirectory(socket).finally(() => {
      // At most one ask per few seconds, however many unknown ids a screen shows.
      setTimeout(() => (this.refreshing = false), DIRECTORY_RETRY_MS).unref?.();
    });
  }

  private async sendOpenIncident(): Promise<Viewer[]> {
    const socket = this.socket;
    if (!socket?.connected) return [];
    // The page that showed it has stopped restating it (closed): nothing is open here any more.
    if (Date.now() - this.openRenewedAt > 2 * PRESENCE_RENEW_MS) this.openIncident = null;
    const incidentId = this.openIncident;
    try {
      const answer = (await socket.timeout(5000).emitWithAck('presence', { incidentId })) as {
        ok: boolean;
        viewers?: unknown;
      };
      const viewers = z.array(viewerSchema).safeParse(answer.viewers);
      if (!answer.ok || !viewers.success || incidentId === null || incidentId !== this.openIncident)
        return [];
      this.viewers = { incidentId, viewers: viewers.data };
      return viewers.data;
    } catch {
      return [];
    }
  }

  private async refreshDirectory(socket: Socket): Promise<void> {
    try {
      const answer = directoryAnswerSchema.safeParse(await socket.timeout(5000).emitWithAck('directory', {}));
      if (!answer.success) return;
      this.directory = new Map(answer.data.accounts.map((entry) => [entry.id, entry]));
      this.cache.putSetting(DIRECTORY_SETTING, JSON.stringify(answer.data.accounts));
    } catch {
      // Keep the names we have; the next reconnect asks again.
    }
  }
}
