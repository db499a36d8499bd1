import { io, type Socket } from 'socket.io-client';
import {
  modeInForce,
  orderIdFor,
  type Incident,
  type Mode,
  type ModeState,
  type OperatorCommand,
  type Order,
} from '../domain';
import {
  CLIENT_EVENTS,
  PROTOCOL_VERSION,
  SERVER_EVENTS,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../protocol';
import type { HubHttp, Tokens } from './hub-http';

/** The hub's answer to a command, or none within the time allowed (the command may still have applied). */
export type CommandReply =
  | { ok: true; commandId: string; seqs: number[]; replayed?: true }
  | { ok: false; commandId: string | null; code: string; reason: string; replayed?: true }
  | { ok: false; code: 'unanswered'; reason: string };

/** An event as the hub streams it: the envelope and the payload, untyped until looked at. */
interface StreamedEvent {
  seq: number;
  type: string;
  payload: { incident?: Incident; orders?: Order[]; state?: ModeState };
}

interface StreamedEntity {
  kind: string;
  doc: unknown;
}

export interface SessionObserver {
  onEvents(count: number): void;
  onIncidentClosed(incident: Incident): void;
  log(line: string): void;
}

const COMMAND_TIMEOUT_MS = 15_000;
const SUBSCRIBE_TIMEOUT_MS = 60_000;

/**
 * The simulated commander at the centre: signed in over HTTP, connected over socket.io, subscribed to the
 * region's event stream, and keeping the incidents, orders and modes it needs from that stream.
 */
export class OperatorSession {
  readonly incidents = new Map<string, Incident>();
  readonly orders = new Map<string, Order>();
  readonly closed = new Set<string>();
  private readonly modes = new Map<string, ModeState>();
  private tokens: Tokens;
  private tokensIssuedAt = Date.now();
  private lastSeq: number;
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  private constructor(
    hubUrl: string,
    private readonly http: HubHttp,
    private readonly operator: { name: string; password: string },
    tokens: Tokens,
    since: number,
    private readonly observer: SessionObserver,
  ) {
    this.tokens = tokens;
    this.lastSeq = since;
    this.socket = io(hubUrl, {
      transports: ['websocket'],
      auth: (send) => {
        this.freshAccessToken().then(
          (token) => send({ token, protocol: PROTOCOL_VERSION }),
          () => send({ token: this.tokens.accessToken, protocol: PROTOCOL_VERSION }),
        );
      },
    });
    // The stream is the simulator's own hub's: its frames are taken as sent, read only for what drives it.
    this.socket.on(SERVER_EVENTS.events, (events) => this.take(events as readonly StreamedEvent[]));
    this.socket.on(SERVER_EVENTS.snapshot, (snapshot) => this.load(snapshot));
  }

  /** Signs in and subscribes from `since`; resolves once the stream is live. */
  static async open(
    hubUrl: string,
    http: HubHttp,
    operator: { name: string; password: string },
    since: number,
    observer: SessionObserver,
  ): Promise<OperatorSession> {
    const tokens = await http.login(operator.name, operator.password);
    const session = new OperatorSession(hubUrl, http, operator, tokens, since, observer);
    try {
      await session.subscribeOnEveryConnect();
    } catch (error) {
      // Otherwise socket.io would go on reconnecting in the background for a session nobody holds.
      session.close();
      throw error;
    }
    return session;
  }

  /** The mode in force where `code` lies, as the stream has told it. */
  modeAt(code: string): Mode {
    return modeInForce([...this.modes.values()], code);
  }

  async command(command: OperatorCommand): Promise<CommandReply> {
    try {
      return (await this.socket
        .timeout(COMMAND_TIMEOUT_MS)
        .emitWithAck(CLIENT_EVENTS.command, command)) as CommandReply;
    } catch (error) {
      return { ok: false, code: 'unanswered', reason: (error as Error).message };
    }
  }

  close(): void {
    this.socket.disconnect();
  }

  private subscribeOnEveryConnect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const subscribe = async () => {
        try {
          const reply = (await this.socket
            .timeout(SUBSCRIBE_TIMEOUT_MS)
            .emitWithAck(CLIENT_EVENTS.subscribe, { since: this.lastSeq })) as {
            ok: boolean;
            error?: string;
          };
          if (!reply.ok) throw new Error(reply.error ?? 'subscription refused');
          resolve();
        } catch (error) {
          this.observer.log(`subscription failed: ${(error as Error).message}`);
          reject(error as Error);
        }
      };
      this.socket.on('connect', () => void subscribe());
      this.socket.once('connect_error', (error) =>
        reject(new Error(`cannot connect to the hub: ${error.message}`)),
      );
    });
  }

  /** Access tokens last a quarter of an hour; a reconnection after that needs a new one. */
  private async freshAccessToken(): Promise<string> {
    const ageSeconds = (Date.now() - this.tokensIssuedAt) / 1000;
    if (ageSeconds < this.tokens.expiresIn / 2) return this.tokens.accessToken;
    this.tokens =
      (await this.http.refresh(this.tokens.refreshToken)) ??
      (await this.http.login(this.operator.name, this.operator.password));
    this.tokensIssuedAt = Date.now();
    return this.tokens.accessToken;
  }

  private take(events: readonly StreamedEvent[]): void {
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq;
      const { incident, orders, state } = event.payload;
      if (incident) this.keep(incident);
      for (const order of orders ?? []) this.orders.set(order.id, order);
      if (event.type === 'mode.switched' && state) this.modes.set(state.jurisdictionCode, state);
    }
    this.observer.onEvents(events.length);
  }

  private load(snapshot: { seq: number; entities: readonly StreamedEntity[] }): void {
    for (const entity of snapshot.entities) {
      if (entity.kind === 'incident') this.keep(entity.doc as Incident);
      else if (entity.kind === 'order') this.orders.set((entity.doc as Order).id, entity.doc as Order);
      else if (entity.kind === 'mode') {
        const state = entity.doc as ModeState;
        this.modes.set(state.jurisdictionCode, state);
      }
    }
    this.lastSeq = Math.max(this.lastSeq, snapshot.seq);
  }

  /** Closed incidents are forgotten but remembered as closed, so nothing waits for them any more. */
  private keep(incident: Incident): void {
    const known = this.incidents.get(incident.id);
    if (known && known.version >= incident.version) return;
    if (incident.stage === 'closed') {
      this.incidents.delete(incident.id);
      for (const unitId of incident.assignedUnitIds) this.orders.delete(orderIdFor(incident.id, unitId));
      if (!this.closed.has(incident.id)) {
        this.closed.add(incident.id);
        this.observer.onIncidentClosed(incident);
      }
      return;
    }
    this.incidents.set(incident.id, incident);
  }
}
