import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { DesktopApiResult, DesktopEventName } from '../../src/core/contract/api';
import { startLocalShellServer, type LocalShellServer } from '../../src/core/transports/local-shell-server';
import type { CoreClient } from '../../src/core/worker/core-client';
import { browserShellTransport, CORE_LINK_DOWN } from '../../renderer/src/links/browser-shell-transport';
import { CoreLink, type CoreLinkState } from '../../renderer/src/links/core-link';

/** Node's `ws` as the page's WebSocket: a browser's socket reports a refused connection by closing, not by throwing. */
class PageWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => undefined);
  }
}

/** A desktop core that answers each call as the test says, and whose events the test sends. */
class FakeCore implements CoreClient {
  readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  answer: (method: string, input: unknown) => Promise<DesktopApiResult<unknown>> = async (method, input) => ({
    ok: true,
    value: { method, input },
  });

  call(method: string, input: unknown) {
    return this.answer(method, input);
  }

  on<E extends DesktopEventName>(event: E, listener: (payload: never) => void): () => void {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener as (payload: unknown) => void);
    return () => this.listeners.get(event)?.delete(listener as (payload: unknown) => void);
  }

  emit(event: DesktopEventName, payload: unknown): void {
    this.listeners.get(event)?.forEach((listener) => listener(payload));
  }

  async close() {}
}

const rendererDir = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-transport-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
  return dir;
})();

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startShell(
  core: CoreClient,
  port?: number,
  token = 'launch-token',
): Promise<LocalShellServer> {
  const shell = await startLocalShellServer({ core, rendererDir, token, ...(port ? { port } : {}) });
  cleanups.push(() => shell.close());
  return shell;
}

function socketUrl(shell: LocalShellServer): string {
  return `ws://${new URL(shell.url).host}/api/ws`;
}

function transportTo(shell: LocalShellServer, options: { token?: string; callWaitMs?: number } = {}) {
  const link = new CoreLink();
  const api = browserShellTransport({
    url: socketUrl(shell),
    token: options.token ?? shell.token,
    link,
    WebSocket: PageWebSocket,
    reconnectMs: 20,
    ...(options.callWaitMs ? { callWaitMs: options.callWaitMs } : {}),
  });
  cleanups.push(() => api.close());
  return { api, link };
}

/** Resolves once the link is in `state`, as the status bar would hear it. */
function linkBecomes(link: CoreLink, state: CoreLinkState['state']): Promise<void> {
  return new Promise((resolve) => {
    if (link.get().state === state) return resolve();
    const stop = link.subscribe(() => {
      if (link.get().state !== state) return;
      stop();
      resolve();
    });
  });
}

describe('the browser shell’s transport to its desktop core', () => {
  it('answers a call and hands the core’s events to their listeners', async () => {
    const core = new FakeCore();
    const shell = await startShell(core);
    const { api, link } = transportTo(shell);
    const heard = new Promise((resolve) => api.on('status', resolve));
    expect(await api.call('sla.get', {})).toEqual({ ok: true, value: { method: 'sla.get', input: {} } });
    expect(link.get().state).toBe('up');
    core.emit('status', { cursor: 5 });
    expect(await heard).toEqual({ cursor: 5 });
  });

  it('answers a call in flight when its socket closes with the link error, and says the link is down', async () => {
    const core = new FakeCore();
    const shell = await startShell(core);
    const { api, link } = transportTo(shell);
    await linkBecomes(link, 'up');
    let received: () => void = () => undefined;
    const atCore = new Promise<void>((resolve) => (received = resolve));
    core.answer = () => {
      received();
      return new Promise(() => undefined);
    };
    const inFlight = api.call('sla.get', {});
    await atCore;
    await shell.close();
    expect(await inFlight).toEqual({ ok: false, error: CORE_LINK_DOWN });
    expect(link.get().state).toBe('down');
  });

  it('holds a call made during a reconnect and answers it once the core is back', async () => {
    const core = new FakeCore();
    const shell = await startShell(core);
    const { port } = new URL(shell.url);
    const { api, link } = transportTo(shell, { callWaitMs: 30_000 });
    await linkBecomes(link, 'up');
    await shell.close();
    await linkBecomes(link, 'down');

    const duringReconnect = api.call('units.list', {});
    await startShell(core, Number(port), shell.token);
    expect(await duringReconnect).toEqual({ ok: true, value: { method: 'units.list', input: {} } });
    expect(link.get().state).toBe('up');
  });

  it('answers a call made during a reconnect with the link error when the core stays away too long', async () => {
    const core = new FakeCore();
    const shell = await startShell(core);
    const { api, link } = transportTo(shell, { callWaitMs: 100 });
    await linkBecomes(link, 'up');
    await shell.close();
    await linkBecomes(link, 'down');

    const asked = Date.now();
    expect(await api.call('units.list', {})).toEqual({ ok: false, error: CORE_LINK_DOWN });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(90);
  });

  it('after an outage, reads the status afresh and tells every live query that anything may have changed', async () => {
    const core = new FakeCore();
    const shell = await startShell(core);
    const { port } = new URL(shell.url);
    const { api, link } = transportTo(shell);
    await linkBecomes(link, 'up');
    await shell.close();
    await linkBecomes(link, 'down');
    core.answer = async (method) =>
      method === 'session.status' ? { ok: true, value: { cursor: 42 } } : { ok: true, value: null };
    const status = new Promise((resolve) => api.on('status', resolve));
    const changed = new Promise((resolve) => api.on('changed', resolve));
    await startShell(core, Number(port), shell.token);
    expect(await status).toEqual({ cursor: 42 });
    expect(await changed).toMatchObject({ cursor: 42, ids: null });
  });

  it('a page whose core was not there at first reads afresh once it comes, after a call timed out', async () => {
    const core = new FakeCore();
    const before = await startShell(core);
    const { port } = new URL(before.url);
    await before.close();
    const { api } = transportTo(before, { callWaitMs: 50 });
    expect(await api.call('units.list', {})).toEqual({ ok: false, error: CORE_LINK_DOWN });
    const changed = new Promise((resolve) => api.on('changed', resolve));
    core.answer = async () => ({ ok: true, value: { cursor: 7 } });
    await startShell(core, Number(port), before.token);
    expect(await changed).toMatchObject({ cursor: 7, ids: null });
  });

  it('answers every call with the reason when the screen’s token is refused, and stops trying', async () => {
    const shell = await startShell(new FakeCore());
    const { api, link } = transportTo(shell, { token: 'not-the-launch-token' });
    const answer = await api.call('sla.get', {});
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.code).toBe('screenNeedsToken');
    expect(link.get().state).toBe('down');
    expect((await api.call('units.list', {})).ok).toBe(false);
  });
});
