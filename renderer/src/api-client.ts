import type {
  DesktopApi,
  DesktopApiInput,
  DesktopApiMethod,
  DesktopApiOutput,
  DesktopApiResult,
  DesktopEventName,
  DesktopEventPayload,
} from '../../src/core/contract/api';
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

/** The browser shell's transport: one WebSocket to the local shell, reopened if it drops. */
function browserShellApi(): DesktopApi {
  const token = browserShellToken();
  const fanout = new EventFanout();
  const waiting = new Map<number, (result: DesktopApiResult<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;
  let refusal: Wording | undefined;

  function connect(): void {
    socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`);
    let resolveReady: () => void = () => undefined;
    ready = new Promise((resolve) => {
      resolveReady = resolve;
      socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'hello', token })));
      socket.addEventListener('message', (message) => {
        const data = JSON.parse(String(message.data)) as
          | { type: 'welcome' }
          | { type: 'result'; id: number; result: DesktopApiResult<unknown> }
          | { type: 'event'; name: string; payload: unknown };
        if (data.type === 'welcome') resolve();
        else if (data.type === 'result') {
          waiting.get(data.id)?.(data.result);
          waiting.delete(data.id);
        } else fanout.dispatch(data.name, data.payload);
      });
    });
    socket.addEventListener('close', (event) => {
      for (const answer of waiting.values())
        answer({
          ok: false,
          error: wording('coreDisconnected', {}, 'the connection to the desktop core closed'),
        });
      waiting.clear();
      if (event.code === 4401) {
        refusal = wording(
          'screenNeedsToken',
          {},
          event.reason || 'this screen needs the token printed at launch',
        );
        resolveReady();
        return;
      }
      setTimeout(connect, 1000);
    });
  }
  connect();

  return {
    async call<M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) {
      await ready;
      if (refusal) return { ok: false, error: refusal };
      const id = nextId++;
      return new Promise<DesktopApiResult<DesktopApiOutput<M>>>((answer) => {
        waiting.set(id, answer as (result: DesktopApiResult<unknown>) => void);
        socket.send(JSON.stringify({ type: 'call', id, method, input }));
      });
    },
    on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void) {
      return fanout.add(event, listener as Listener);
    },
  };
}

/** The Electron shell's transport: the preload bridge. */
function electronApi(bridge: NonNullable<Window['pingan']>): DesktopApi {
  const fanout = new EventFanout();
  bridge.onEvent((name, payload) => fanout.dispatch(name, payload));
  return {
    call: async <M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) =>
      (await bridge.call(method, input)) as DesktopApiResult<DesktopApiOutput<M>>,
    on: <E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void) =>
      fanout.add(event, listener as Listener),
  };
}

export const desktopApi: DesktopApi = window.pingan ? electronApi(window.pingan) : browserShellApi();
