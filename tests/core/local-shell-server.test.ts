import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../src/core/contract/csp';
import { startLocalShellServer, type LocalShellServer } from '../../src/core/transports/local-shell-server';
import { startCoreWorker, type CoreClient } from '../../src/core/worker/core-client';
import { until } from '../support/eventually';

let core: CoreClient;
let shell: LocalShellServer;
let origin: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-shell-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>平安指挥</title>');
  core = await startCoreWorker({ cacheFile: join(dir, 'cache.db'), regionId: 'gulang' });
  shell = await startLocalShellServer({ core, rendererDir: dir });
  origin = new URL(shell.url).origin;
});
afterAll(async () => {
  await shell.close();
  await core.close();
});

interface Conversation {
  closeCode: Promise<number>;
  replies: unknown[];
  socket: WebSocket;
}

function connect(headers: Record<string, string> = {}): Promise<Conversation> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/ws`, { headers: { origin, ...headers } });
  const replies: unknown[] = [];
  socket.on('message', (data) => replies.push(JSON.parse(String(data))));
  const closeCode = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, replies, closeCode }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('the browser shell server', () => {
  it('listens on 127.0.0.1 only and hands out a long token in its address', () => {
    expect(new URL(shell.url).hostname).toBe('127.0.0.1');
    expect(new URL(shell.url).searchParams.get('token')).toBe(shell.token);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers calls once a socket has said hello with the launch token', async () => {
    const { socket, replies } = await connect();
    socket.send(JSON.stringify({ type: 'hello', token: shell.token }));
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'region.overview', input: {} }));
    await until('two replies from the shell server', () => replies.length >= 2, { seen: () => replies });
    expect(replies[0]).toEqual({ type: 'welcome' });
    expect(replies[1]).toMatchObject({
      type: 'result',
      id: 1,
      result: { ok: true, value: { counts: { grids: 690 } } },
    });
    socket.close();
  });

  it.each([
    ['a wrong token', { type: 'hello', token: 'x'.repeat(32) }],
    ['a call before hello', { type: 'call', id: 1, method: 'region.overview', input: {} }],
  ])('closes the socket of a client sending %s', async (_case, first) => {
    const { socket, closeCode, replies } = await connect();
    socket.send(JSON.stringify(first));
    expect(await closeCode).toBe(4401);
    expect(replies).toEqual([]);
  });

  it('refuses a socket opened by a page of another origin', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow('403');
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${origin}/`, { headers: { host: 'evil.example' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0)).on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the interface with a strict content security policy', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('平安指挥');
  });
});
