import type {
  DesktopApi,
  DesktopApiInput,
  DesktopApiMethod,
  DesktopApiOutput,
  DesktopApiResult,
} from '../../src/core/contract/api';

declare global {
  interface Window {
    /** Present in the Electron shell, put there by the preload script. */
    pingan?: { call(method: string, input: unknown): Promise<DesktopApiResult<unknown>> };
  }
}

/** The browser shell hands the page a per-launch token in the address; it is kept for this tab only. */
function browserShellToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('pingan.token', fromUrl);
    window.history.replaceState(null, '', window.location.pathname);
    return fromUrl;
  }
  return sessionStorage.getItem('pingan.token') ?? '';
}

function browserShellApi(): DesktopApi {
  const token = browserShellToken();
  return {
    async call<M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) {
      try {
        const response = await fetch(`api/call/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(input),
        });
        return (await response.json()) as DesktopApiResult<DesktopApiOutput<M>>;
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

function electronApi(bridge: NonNullable<Window['pingan']>): DesktopApi {
  return {
    call: async <M extends DesktopApiMethod>(method: M, input: DesktopApiInput<M>) =>
      (await bridge.call(method, input)) as DesktopApiResult<DesktopApiOutput<M>>,
  };
}

export const desktopApi: DesktopApi = window.pingan ? electronApi(window.pingan) : browserShellApi();
