import { z } from 'zod';
import {
  CLIENT_EVENTS,
  SERVER_EVENTS,
  directoryAnswerSchema,
  frameProblems,
  presenceAnswerSchema,
  presenceFrameSchema,
} from '../../protocol';
import type { LocalCache } from '../cache/local-cache';
import {
  PRESENCE_RENEW_MS,
  directoryEntrySchema,
  type DirectoryEntry,
  type Viewer,
} from '../contract/presence';
import type { HubSocket } from './hub-sync';

const DIRECTORY_SETTING = 'directory';
const DIRECTORY_RETRY_MS = 5_000;

/**
 * What this screen shares with the other screens through the hub, beyond the log: which incident it has
 * open (so others see who else is looking), and the names behind the account ids in the record. The open
 * incident is restated on every reconnect, since the hub forgets a screen when its connection drops.
 */
export class Collaboration {
  private socket: HubSocket | undefined;
  private openIncident: string | null = null;
  /** When a page last said it shows `openIncident`: a reconnect restates it only while pages keep saying so. */
  private openRenewedAt = 0;
  private viewers: { incidentId: string; viewers: Viewer[] } | null = null;
  private directory: Map<string, DirectoryEntry>;

  constructor(
    private readonly cache: LocalCache,
    private readonly onPresence: (presence: { incidentId: string; viewers: Viewer[] }) => void,
    private readonly log: (line: string) => void = (line) => console.warn(`collaboration: ${line}`),
  ) {
    const saved = cache.getSetting(DIRECTORY_SETTING);
    const entries = saved ? z.array(directoryEntrySchema).safeParse(JSON.parse(saved)) : undefined;
    this.directory = new Map((entries?.success ? entries.data : []).map((entry) => [entry.id, entry]));
  }

  online(socket: HubSocket): void {
    if (this.socket !== socket) {
      this.socket = socket;
      socket.on(SERVER_EVENTS.presence, (raw: unknown) => {
        const message = this.accept(SERVER_EVENTS.presence, presenceFrameSchema, raw);
        if (!message || message.incidentId !== this.openIncident) return;
        this.viewers = message;
        this.onPresence(message);
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

  /** The frame as its schema reads it, or undefined once it has been logged and refused. */
  private accept<S extends z.ZodType>(frame: string, schema: S, raw: unknown): z.output<S> | undefined {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    this.log(`refused a malformed ${frame} frame from the hub: ${frameProblems(parsed.error)}`);
    return undefined;
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
      const raw: unknown = await socket.timeout(5000).emitWithAck(CLIENT_EVENTS.presence, { incidentId });
      const answer = this.accept('presence answer', presenceAnswerSchema, raw);
      if (!answer?.ok || incidentId === null || incidentId !== this.openIncident) return [];
      this.viewers = { incidentId, viewers: answer.viewers };
      return answer.viewers;
    } catch {
      return [];
    }
  }

  private async refreshDirectory(socket: HubSocket): Promise<void> {
    try {
      const raw: unknown = await socket.timeout(5000).emitWithAck(CLIENT_EVENTS.directory, {});
      const answer = this.accept('directory answer', directoryAnswerSchema, raw);
      if (!answer?.ok) return;
      this.directory = new Map(answer.accounts.map((entry) => [entry.id, entry]));
      this.cache.putSetting(DIRECTORY_SETTING, JSON.stringify(answer.accounts));
    } catch {
      // Keep the names we have; the next reconnect asks again.
    }
  }
}
