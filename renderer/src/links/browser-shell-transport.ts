import type {
  DesktopApi,
  DesktopApiInput,
  DesktopApiMethod,
  DesktopApiOutput,
  DesktopApiResult,
  DesktopEventName,
  DesktopEventPayload,
} from '../../../src/core/contract/api';
import { ENTITY_KINDS } from '../../../src/domain';
import { wording, type Wording } from '../../../src/domain/wording';
import type { CoreLink } from './core-link';
import { EventFanout } from './event-fanout';

/** What a call is answered while the screen's WebSocket to its core is down: it is being reopened. */
export const CORE_LINK_DOWN = wording('coreDisconnected', {}, 'the connection to the desktop core is down');

/** The socket closes with this code when the page's token is not the launch's. */
const CLOSE_UNAUTHORISED = 4401;
const OPEN = 1;

/** The part of the browser's WebSocket the transport uses, so a test may hand it another with the same shape. */
export interface ShellSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
}
export type ShellSocketConstructor = new (url: string) => ShellSocket;

export interface BrowserShellOptions {
  /** The shell's socket, ws://127.0.0.1:port/api/ws. */
  url: string;
  /** The launch's token, said first on every socket. */
  token: string;
  link: CoreLink;
  WebSocket: ShellSocketConstructor;
  /** How long after a drop the socket is reopened. */
  reconnectMs?: number;
  /** How long a call made while the core is away waits for it to come back before it is answered with the error. */
  callWaitMs?: number;
}

/**
 * A read made while the core is away is answered as soon as the core is back, if that is within this time; after
 * it, the screen is told the link is down rather than left waiting. The core restarts within a few seconds.
 */
export const CALL_WAIT_MS = 10_000;

type ShellMessage =
  | { type: 'welcome' }
  | { type: 'result'; id: number; result: DesktopApiResult<unknown> }
  | { type: 'event'; name: string; payload: unknown };

type Listener = (payload: unknown) => void;

/**
 * After the core link comes back, the screen may be any amount behind: the status is read afresh and every
 * live query is told that anything may have changed, so each panel resumes without a reload.
 */
async function resumeAfterOutage(api: DesktopApi, fanout: EventFanout): Promise<void> {
  const status = await api.call('session.status', {});
  if (!status.ok) return;
  fanout.dispatch('status', status.value);
  fanout.dispatch('changed', { cursor: status.value.cursor, kinds: [...ENTITY_KINDS], ids: null });
}

/** Calls made while the core is away, each waiting for its welcome (or a refusal) for a bounded time. */
class CallsAwaitingCore {
  private readonly waking = new Set<() => void>();

  /** Resolves when `wakeAll` is called, or after `ms`, whichever is first. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waking.delete(wake);
        resolve();
      }, ms);
      this.waking.add(wake);
    });
  }

  wakeAll(): void {
    const woken = [...this.waking];
    this.waking.clear();
    woken.forEach((wake) => wake());
  }
}

/** The browser shell's transport: one WebSocket to the local shell, reopened if it drops. */
export function browserShellTransport(options: BrowserShellOptions): DesktopApi & { close(): void } {
  const { link, token } = options;
  const fanout = new EventFanout();
  const waiting = new Map<number, (result: DesktopApiResult<unknown>) => void>();
  let nextId = 1;
  let socket: ShellSocket | undefined;
  let latest: ShellSocket | undefined;
  let refusal: Wording | undefined;
  // Set by a drop, or a call answered with the link down: on the next welcome the screen reads afresh.
  let screenBehind = false;
  let closed = false;
  const awaitingCore = new CallsAwaitingCore();

  function welcomed(attempt: ShellSocket): void {
    socket = attempt;
    link.up();
    awaitingCore.wakeAll();
    if (screenBehind) void resumeAfterOutage(api, fanout);
    screenBehind = false;
  }

  function dropped(event: { code: number; reason: string }): void {
    socket = undefined;
    screenBehind = true;
    link.down();
    for (const answer of waiting.values()) answer({ ok: false, error: CORE_LINK_DOWN });
    waiting.clear();
    if (event.code === CLOSE_UNAUTHORISED) {
      refusal = wording(
        'screenNeedsToken',
        {},
        event.reason || 'this screen needs the token printed at launch',
      );
      awaitingCore.wakeAll();
      return;
    }
    if (!closed) setTimeout(connect, options.reconnectMs ?? 1000);
  }

  function connect(): void {
    const attempt = new options.WebSocket(options.url);
    latest = attempt;
    attempt.addEventListener('open', () => attempt.send(JSON.stringify({ type: 'hello', token })));
    attempt.addEventListener('message', (message: { data: unknown }) => {
      const data = JSON.parse(String(message.data)) as ShellMessage;
      if (data.type === 'welcome') welcomed(attempt);
      else if (data.type === 'result') {
        waiting.get(data.id)?.(data.result);
        waiting.delete(data.id);
      } else fanout.dispatch(data.name, data.payload);
    });
    attempt.addEventListener('close', dropped);
  }
  connect();

  const api: DesktopApi & { close(): void } = {
    async call<M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) {
      if (!socket && !refusal) await awaitingCore.wait(options.callWaitMs ?? CALL_WAIT_MS);
      if (refusal) return { ok: false, error: refusal };
      const live = socket;
      if (!live || live.readyState !== OPEN) {
        screenBehind = true;
        return { ok: false, error: CORE_LINK_DOWN };
      }
      const id = nextId++;
      return new Promise<DesktopApiResult<DesktopApiOutput<M>>>((answer) => {
        waiting.set(id, answer as (result: DesktopApiResult<unknown>) => void);
        live.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void) {
      return fanout.add(event, listener as Listener);
    },
    close() {
      closed = true;
      latest?.close();
      awaitingCore.wakeAll();
    },
  };
  return api;
}
