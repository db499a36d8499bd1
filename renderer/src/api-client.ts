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
import { browserShellTransport, CORE_LINK_DOWN } from './links/browser-shell-transport';
import { CoreLink } from './links/core-link';
import { EventFanout } from './links/event-fanout';

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

/** The local shell's socket, on the host and port that served this page. */
function browserShellSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
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
      fanout.add(event, listener as (payload: unknown) => void),
  };
}

export const desktopApi: DesktopApi = window.pingan
  ? electronApi(window.pingan)
  : browserShellTransport({
      url: browserShellSocketUrl(),
      token: browserShellToken(),
      link: coreLink,
      WebSocket,
    });
