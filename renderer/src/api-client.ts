import type {
  DesktopApi,
  DesktopApiInput,
  DesktopApiMethod,
  DesktopApiOutput,
  DesktopApiResult,
  DesktopEventName,
  DesktopEventPayload,
} from '../../src/core/contract/api';
import { CORE_STOPPED_ERROR } from '../../src/core/contract/core-link';
import { ENTITY_KINDS } from '../../src/domain';
import { CoreLink } from './links/core-link';
import { wording, type Wording } from '../../src/domain/wording';

declare global {
  interface Window {
    /** Present in the Electron shell, put there by the preload script. */
    pingan?: {
      call(method: string, input: unknown): Promise<DesktopApiResult<unknown>>;
      onEvent(listener: (name: string, payload: unknown) => void): () => void;
      /** Saves the page, as its print stylesheet lays it out, to a PDF the operator places. */
      printToPdf?(
        fileName: string,
      ): Promise<{ ok: true; value: { savedTo: string | null } } | { ok: false; error: string }>;
    };
  }
}

type Listener = (payload: unknown) => void;

/** Fans events from one source out to the listeners of each name. */
class EventFanout {
  private readonly listeners = new Map<string, Set<Listener>>();

  add(name: string, listener: Listener): () => void {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name)!.add(listener);
    return () => this.listeners.get(name)?.delete(listener);
  }

  dispatch(name: string, payload: unknown): void {
    this.listeners.get(name)?.forEach((listener) => listener(payload));
  }
}

/** The browser shell hands the page a per-launch token in the address; it is kept for this tab only. */
function browserShellToken(): string {
  const params = new URLSearchParams(window.location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem('pingan.token', fromUrl);
    params.delete('token');
    const rest = params.toString();
    window.history.replaceState(null, '', `${window.location.pathname}${rest ? `?${rest}` : ''}`);
    return fromUrl;
  }
  return sessionStorage.getItem('pingan.token') ?? '';
}

/** The renderer's link to its core, kept by whichever transport this window uses. */
export const coreLink = new CoreLink();

const CORE_LINK_DOWN = wording('coreDisconnected', {}, 'the connection to the desktop core is down');

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

/** The browser shell's transport: one WebSocket to the local shell, reopened if it drops. */
function browserShellApi(): DesktopApi {
  const token = browserShellToken();
  const fanout = new EventFanout();
  const waiting = new Map<number, (result: DesktopApiResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let refusal: Wording | undefined;
  let welcomedBefore = false;
  // Calls made while the core is away wait for it: the gate opens on each welcome and closes on each drop.
  let openGate: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => (openGate = resolve));
  let gateOpen = false;

  function connect(): void {
    const attempt = new WebSocket(
      `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`,
    );
    attempt.addEventListener('open', () => attempt.send(JSON.stringify({ type: 'hello', token })));
    attempt.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as
        | { type: 'welcome' }
        | { type: 'result'; id: number; result: DesktopApiResult<unknown> }
        | { type: 'event'; name: string; payload: unknown };
      if (data.type === 'welcome') {
        socket = attempt;
        gateOpen = true;
        openGate();
        coreLink.up();
        if (welcomedBefore) void resumeAfterOutage(api, fanout);
        welcomedBefore = true;
      } else if (data.type === 'result') {
        waiting.get(data.id)?.(data.result);
        waiting.delete(data.id);
      } else fanout.dispatch(data.name, data.payload);
    });
    attempt.addEventListener('close', (event) => {
      socket = undefined;
      coreLink.down();
      for (const answer of waiting.values()) answer({ ok: false, error: CORE_LINK_DOWN });
      waiting.clear();
      if (event.code === 4401) {
        refusal = wording(
          'screenNeedsToken',
          {},
          event.reason || 'this screen needs the token printed at launch',
        );
        openGate();
        return;
      }
      if (gateOpen) {
        gateOpen = false;
        gate = new Promise<void>((resolve) => (openGate = resolve));
      }
      setTimeout(connect, 1000);
    });
  }
  connect();

  const api: DesktopApi = {
    async call<M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) {
      await gate;
      if (refusal) return { ok: false, error: refusal };
      const live = socket;
      if (!live || live.readyState !== WebSocket.OPEN) return { ok: false, error: CORE_LINK_DOWN };
      const id = nextId++;
      return new Promise<DesktopApiResult<DesktopApiOutput<M>>>((answer) => {
        waiting.set(id, answer as (result: DesktopApiResult<unknown>) => void);
        live.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void) {
      return fanout.add(event, listener as Listener);
    },
  };
  return api;
}

/** How often the Electron window asks its core whether it is there: a stopped worker closes no socket. */
const CORE_CHECK_MS = 2_000;

/** The Electron shell's transport: the preload bridge. */
function electronApi(bridge: NonNullable<Window['pingan']>): DesktopApi {
  const fanout = new EventFanout();
  bridge.onEvent((name, payload) => fanout.dispatch(name, payload));
  const call = async <M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) => {
    let result: DesktopApiResult<DesktopApiOutput<M>>;
    try {
      result = (await bridge.call(method, input)) as DesktopApiResult<DesktopApiOutput<M>>;
    } catch (error) {
      coreLink.down();
      return { ok: false as const, error: { ...CORE_LINK_DOWN, message: (error as Error).message } };
    }
    if (!result.ok && result.error.code === CORE_STOPPED_ERROR.code) coreLink.down();
    else coreLink.up();
    return result;
  };
  setInterval(() => void call('session.status', {}), CORE_CHECK_MS);
  return {
    call,
    on: <E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void) =>
      fanout.add(event, listener as Listener),
  };
}

export const desktopApi: DesktopApi = window.pingan ? electronApi(window.pingan) : browserShellApi();
