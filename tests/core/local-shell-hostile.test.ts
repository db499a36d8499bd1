import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startLocalShellServer, type LocalShellServer } from '../../src/core/transports/local-shell-server';
import { startCoreWorker, type CoreClient } from '../../src/core/worker/core-client';
import { until } from '../support/eventually';

const MIB = 1024 * 1024;

let core: CoreClient;
let shell: LocalShellServer;
let origin: string;
let host: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-shell-hostile-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>平安指挥</title>');
  core = await startCoreWorker({ cacheFile: join(dir, 'cache.db'), regionId: 'gulang' });
  shell = await startLocalShellServer({ core, rendererDir: dir });
  origin = new URL(shell.url).origin;
  host = new URL(shell.url).host;
});
afterAll(async () => {
  await shell.close();
  await core.close();
});

interface Conversation {
  socket: WebSocket;
  replies: unknown[];
  closed: Promise<{ code: number; reason: string }>;
}

function open(): Promise<Conversation> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/ws`, { headers: { origin } });
  const replies: unknown[] = [];
  socket.on('message', (data) => replies.push(JSON.parse(String(data))));
  // A client whose frame the server refuses may see its socket reset; that is the server's answer, not ours.
  socket.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, replies, closed }));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
  });
}

const hello = () => JSON.stringify({ type: 'hello', token: shell.token });
const call = (id: number, method = 'region.overview', input: unknown = {}) =>
  JSON.stringify({ type: 'call', id, method, input });

/** A client that says hello with the launch token and is welcomed. */
async function welcomed(): Promise<Conversation> {
  const conversation = await open();
  conversation.socket.send(hello());
  await until('the welcome', () => conversation.replies.length > 0, { seen: () => conversation.replies });
  expect(conversation.replies[0]).toEqual({ type: 'welcome' });
  return conversation;
}

/** The server is up and a good client gets answers: the check after every hostile case. */
async function stillServes(): Promise<void> {
  const good = await welcomed();
  good.socket.send(call(7));
  await until('an answer to a good client', () => good.replies.length >= 2, { seen: () => good.replies });
  expect(good.replies[1]).toMatchObject({ type: 'result', id: 7, result: { ok: true } });
  good.socket.close();
  expect((await fetch(`${origin}/`)).status).toBe(200);
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

interface HostileCase {
  name: string;
  /** Whether the client says hello with the launch token first. */
  authorised: boolean;
  send(socket: WebSocket): void;
  closeCode: number;
}

const CASES: HostileCase[] = [
  {
    name: 'a 2 MiB text message',
    authorised: false,
    send: (s) => s.send('x'.repeat(2 * MIB)),
    closeCode: 1009,
  },
  {
    name: 'a 2 MiB call once welcomed',
    authorised: true,
    send: (s) => s.send(call(1, 'region.overview', 'x'.repeat(2 * MIB))),
    closeCode: 1009,
  },
  {
    name: 'a 64 KiB hello (a token no launch makes)',
    authorised: false,
    send: (s) => s.send(JSON.stringify({ type: 'hello', token: 'x'.repeat(64 * 1024) })),
    closeCode: 1009,
  },
  { name: 'a binary frame', authorised: false, send: (s) => s.send(randomBytes(64)), closeCode: 1003 },
  {
    name: 'a binary frame once welcomed',
    authorised: true,
    send: (s) => s.send(Buffer.from(call(1))),
    closeCode: 1003,
  },
  {
    name: 'a text frame that is not UTF-8',
    authorised: false,
    send: (s) => s.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false }),
    closeCode: 1007,
  },
  { name: 'text that is not JSON', authorised: false, send: (s) => s.send('hello?'), closeCode: 1003 },
  {
    name: 'JSON of no known shape',
    authorised: true,
    send: (s) => s.send('{"type":"exec"}'),
    closeCode: 1003,
  },
  {
    name: 'JSON nested 1,000 deep before hello',
    authorised: false,
    send: (s) => s.send(nested(1000)),
    closeCode: 1003,
  },
  {
    name: 'a call whose input is nested 400,000 deep',
    authorised: true,
    send: (s) => s.send(`{"type":"call","id":1,"method":"region.overview","input":${nested(400_000)}}`),
    closeCode: 1003,
  },
  { name: 'a call before hello', authorised: false, send: (s) => s.send(call(1)), closeCode: 4401 },
  {
    name: 'a forged token of the right length',
    authorised: false,
    send: (s) => s.send(JSON.stringify({ type: 'hello', token: 'A'.repeat(shell.token.length) })),
    closeCode: 4401,
  },
  {
    name: 'the token with one character changed',
    authorised: false,
    send: (s) =>
      s.send(
        JSON.stringify({
          type: 'hello',
          token: `${shell.token.slice(0, -1)}${shell.token.endsWith('A') ? 'B' : 'A'}`,
        }),
      ),
    closeCode: 4401,
  },
  {
    name: 'a token of other characters but the same bytes count',
    authorised: false,
    send: (s) => s.send(JSON.stringify({ type: 'hello', token: '令'.repeat(shell.token.length / 3) })),
    closeCode: 4401,
  },
  {
    name: 'a token that is not a string',
    authorised: false,
    send: (s) => s.send(JSON.stringify({ type: 'hello', token: { $ne: '' } })),
    closeCode: 1003,
  },
];

describe('the browser shell server under hostile messages', () => {
  it.each(CASES)('closes the socket of $name with $closeCode and keeps serving', async (c) => {
    const conversation = c.authorised ? await welcomed() : await open();
    c.send(conversation.socket);
    expect((await conversation.closed).code).toBe(c.closeCode);
    await stillServes();
  });

  it('refuses a frame that declares 64 MiB, before it arrives, and keeps serving', async () => {
    const received: Buffer[] = [];
    const socket = connectTcp(Number(new URL(origin).port), '127.0.0.1');
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => undefined);
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      [
        'GET /api/ws HTTP/1.1',
        `Host: ${host}`,
        `Origin: ${origin}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    await until('the upgrade', () => Buffer.concat(received).includes('\r\n\r\n'));
    expect(Buffer.concat(received).toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
    const header = Buffer.alloc(14);
    header[0] = 0x81; // a final text frame
    header[1] = 0x80 | 127; // masked, with a 64-bit length
    header.writeBigUInt64BE(BigInt(64 * MIB), 2);
    socket.write(Buffer.concat([header, randomBytes(1024)]));
    await ended;
    const all = Buffer.concat(received);
    const closeFrame = all.subarray(all.indexOf('\r\n\r\n') + 4);
    expect(closeFrame[0]).toBe(0x88);
    expect(closeFrame.readUInt16BE(2)).toBe(1009);
    await stillServes();
  });

  it('answers thousands of tiny calls from a welcomed client, and a flood before hello ends at its first', async () => {
    const flood = await open();
    for (let n = 0; n < 3000; n += 1) flood.socket.send('{}');
    expect((await flood.closed).code).toBe(1003);

    const busy = await welcomed();
    for (let n = 1; n <= 3000; n += 1) busy.socket.send(call(n, 'no.such.method'));
    await until('3000 answers', () => busy.replies.length >= 3001, {
      timeoutMs: 30_000,
      seen: () => busy.replies.length,
    });
    expect(busy.replies.at(-1)).toMatchObject({ type: 'result', id: 3000, result: { ok: false } });
    busy.socket.close();
    await stillServes();
  });
});
