import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/core/contract/csp';
import { startLocalShellServer, type LocalShellServer } from '../../src/core/transports/local-shell-server';
import type { CoreClient } from '../../src/core/worker/core-client';

let shell: LocalShellServer;
let origin: string;
let rendererDir: string;
let secretFile: string;

/** About a megabyte of script that compresses the way a bundle does: repeated shapes, varying names. */
function bundle(seed: string): string {
  const lines: string[] = [];
  for (let i = 0, length = 0; length < 1024 * 1024; i++) {
    lines.push(`export function ${seed}_${i}(a, b) { return a * ${i % 97} + b.map((x) => x + ${i}); }`);
    length += lines[i]!.length + 1;
  }
  return lines.join('\n');
}

const PAGE = `<!doctype html><title>平安指挥</title>${'<div class="panel"></div>\n'.repeat(200)}`;
const MAIN = bundle('main');

beforeAll(async () => {
  const parent = mkdtempSync(join(tmpdir(), 'pingan-shell-compression-'));
  rendererDir = join(parent, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  secretFile = join(parent, 'secret.js');
  writeFileSync(secretFile, 'the secret beside the renderer');
  writeFileSync(join(rendererDir, 'index.html'), PAGE);
  writeFileSync(join(rendererDir, 'assets/main.js'), MAIN);
  writeFileSync(join(rendererDir, 'assets/style.css'), 'body { margin: 0; }\n'.repeat(500));
  writeFileSync(join(rendererDir, 'assets/icon.png'), randomBytes(64 * 1024));
  // The static files never reach the core; no socket is opened in this file.
  shell = await startLocalShellServer({ core: {} as CoreClient, rendererDir });
  origin = new URL(shell.url).origin;
});
afterAll(async () => {
  await shell.close();
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as they came over the wire, not decompressed. */
  body: Buffer;
}

function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}${path}`, { method, headers });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.end();
  });
}

function decoded(answer: Answer): string {
  const encoding = answer.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(answer.body).toString('utf8');
  if (encoding === 'gzip') return gunzipSync(answer.body).toString('utf8');
  return answer.body.toString('utf8');
}

describe('the browser shell compresses its scripts, styles and page', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.9, br;q=0.5', 'gzip'],
    ['gzip;q=0.5, br;q=0.5', 'br'],
    ['*', 'br'],
    ['*, br;q=0', 'gzip'],
    ['identity', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['deflate', undefined],
    ['', undefined],
  ])('answers Accept-Encoding "%s" with %s', async (accept, expected) => {
    const answer = await get('/assets/main.js', accept ? { 'accept-encoding': accept } : {});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe(expected);
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(answer.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(decoded(answer)).toBe(MAIN);
    if (expected) {
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.body.length).toBeLessThan(Buffer.byteLength(MAIN) / 4);
    }
  });

  it('sends no Accept-Encoding header as identity', async () => {
    const answer = await get('/assets/main.js');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString('utf8')).toBe(MAIN);
  });

  it('compresses the stylesheet and the page, including the page of a route', async () => {
    const style = await get('/assets/style.css', { 'accept-encoding': 'gzip' });
    expect(style.headers['content-encoding']).toBe('gzip');
    expect(decoded(style)).toBe(readFileSync(join(rendererDir, 'assets/style.css'), 'utf8'));
    for (const path of ['/', '/index.html', '/incidents/42']) {
      const page = await get(path, { 'accept-encoding': 'br' });
      expect(page.headers['content-encoding']).toBe('br');
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(decoded(page)).toBe(PAGE);
    }
  });

  it('sends images as they are', async () => {
    const answer = await get('/assets/icon.png', { 'accept-encoding': 'gzip, br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toBeUndefined();
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.body.equals(readFileSync(join(rendererDir, 'assets/icon.png')))).toBe(true);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const full = await get('/assets/main.js', { 'accept-encoding': 'br' });
    const head = await get('/assets/main.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-encoding']).toBe('br');
    expect(head.headers['content-length']).toBe(full.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  it('gives concurrent first requests the same bytes', async () => {
    writeFileSync(join(rendererDir, 'assets/fresh.js'), bundle('fresh'));
    const answers = await Promise.all(
      [1, 2, 3, 4].map(() => get('/assets/fresh.js', { 'accept-encoding': 'br' })),
    );
    for (const answer of answers) expect(answer.body.equals(answers[0]!.body)).toBe(true);
    expect(decoded(answers[0]!)).toBe(bundle('fresh'));
  });

  it('serves a file changed on disk as it is now, whether its size changed or only its time', async () => {
    const file = join(rendererDir, 'assets/changing.js');
    writeFileSync(file, bundle('before'));
    expect(decoded(await get('/assets/changing.js', { 'accept-encoding': 'br' }))).toBe(bundle('before'));
    writeFileSync(file, bundle('longer_name'));
    expect(decoded(await get('/assets/changing.js', { 'accept-encoding': 'br' }))).toBe(
      bundle('longer_name'),
    );
    const sameSize = bundle('shorter_nam');
    expect(sameSize.length).toBe(bundle('longer_name').length);
    writeFileSync(file, sameSize);
    const later = new Date(Date.now() + 60_000);
    utimesSync(file, later, later);
    expect(decoded(await get('/assets/changing.js', { 'accept-encoding': 'br' }))).toBe(sameSize);
  });

  it.each([
    '/..%2fsecret.js',
    '/assets/..%2f..%2fsecret.js',
    '/%2e%2e/secret.js',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.js',
  ])('never serves a file outside the renderer folder for %s', async (path) => {
    const answer = await get(path, { 'accept-encoding': 'br' });
    expect([200, 403]).toContain(answer.status);
    expect(decoded(answer)).not.toContain('secret');
    if (answer.status === 200) expect(decoded(answer)).toBe(PAGE);
  });

  it('refuses a path with a malformed escape and keeps serving', async () => {
    expect((await get('/assets/%E0%A4%A.js')).status).toBe(400);
    expect((await get('/assets/main.js')).status).toBe(200);
  });
});
