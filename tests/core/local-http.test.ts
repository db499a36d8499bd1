import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesktopHandlers } from '../../src/core/desktop-service';
import { startLocalShellServer, type LocalShellServer } from '../../src/core/transports/local-http';

let shell: LocalShellServer;
let origin: string;

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'pingan-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>平安指挥</title>');
  shell = await startLocalShellServer({ handlers: createDesktopHandlers('gulang'), rendererDir });
  origin = new URL(shell.url).origin;
});
afterAll(() => shell.close());

function call(method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${origin}/api/call/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${shell.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('the browser shell server', () => {
  it('listens on 127.0.0.1 only and hands out a token in its address', () => {
    expect(new URL(shell.url).hostname).toBe('127.0.0.1');
    expect(new URL(shell.url).searchParams.get('token')).toBe(shell.token);
    expect(shell.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a call made with its token', async () => {
    const response = await call('region.overview', {});
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; value: { counts: { counties: number } } };
    expect(body.ok).toBe(true);
    expect(body.value.counts.counties).toBe(1);
  });

  it.each([
    ['no token', { authorization: '' }, 401, 'token'],
    ['a wrong token', { authorization: 'Bearer not-the-token' }, 401, 'token'],
    ['a token of the right length but wrong', { authorization: `Bearer ${'x'.repeat(32)}` }, 401, 'token'],
  ])('refuses a client with %s', async (_case, headers, status, message) => {
    const response = await call('region.overview', {}, headers);
    expect(response.status).toBe(status);
    expect(await response.text()).toContain(message);
  });

  it.each([
    ['an unknown method', 'region.destroy', {}, 'unknown method "region.destroy"'],
    [
      'an input the method does not take',
      'region.overview',
      { surprise: 1 },
      'invalid input for region.overview',
    ],
    ['a body that is not JSON', 'region.overview', '{not json', 'JSON'],
  ])('refuses %s with a clear error', async (_case, method, body, message) => {
    const response = await call(method, body);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toContain(message);
  });

  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${origin}/api/call/region.overview`, {
        method: 'POST',
        headers: { host: 'evil.example:80', authorization: `Bearer ${shell.token}` },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0)).on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('serves the interface with a strict content security policy', async () => {
    const response = await fetch(`${origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await response.text()).toContain('平安指挥');
  });
});
