import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { STORE_KINDS } from '../support/databases';
import {
  DALI_CITY,
  StreamClient,
  addOperator,
  login,
  startTestHub,
  type Harness,
} from '../support/hub-harness';

const MIB = 1024 * 1024;

interface FrameCase {
  name: string;
  send(socket: WebSocket): void;
}

/** Raw frames to the hub's Socket.IO endpoint, before any handshake or token: none may end the hub. */
const CASES: FrameCase[] = [
  { name: 'a 2 MiB text frame', send: (s) => s.send(`4${'x'.repeat(2 * MIB)}`) },
  { name: 'a 2 MiB binary frame', send: (s) => s.send(randomBytes(2 * MIB)) },
  {
    name: 'a text frame that is not UTF-8',
    send: (s) => s.send(Buffer.from([0x34, 0xc3, 0x28]), { binary: false }),
  },
  { name: 'a packet of no known type', send: (s) => s.send('9{"not":"engine.io"}') },
  {
    name: 'a connect packet nested 100,000 deep',
    send: (s) => s.send(`40${'['.repeat(100_000)}${']'.repeat(100_000)}`),
  },
  {
    name: 'thousands of tiny frames',
    send: (s) => {
      for (let n = 0; n < 5000; n += 1) s.send('42["command",{}]');
    },
  },
];

describe.each(STORE_KINDS)("hostile frames to a %s hub's live stream", (_store, createDatabase) => {
  let harness: Harness;
  let token: string;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    const { name, password } = await addOperator(harness.hub, 'operator', DALI_CITY);
    token = await login(harness.hub, name, password);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it.each(CASES)('survives $name, and a good client still subscribes', async ({ send }) => {
    const url = `${harness.hub.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const socket = new WebSocket(url);
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    });
    send(socket);
    // Whatever the hub made of it, the socket goes: closed by the hub, or by us once it has answered.
    setTimeout(() => socket.terminate(), 2000).unref();
    await closed;

    expect((await fetch(`${harness.hub.url}/healthz`)).status).toBe(200);
    const good = new StreamClient(harness.hub.url, token);
    try {
      expect((await good.subscribe(0)).ok).toBe(true);
    } finally {
      good.close();
    }
  });

  it('refuses a 2 MiB long-polling body without ending the hub', async () => {
    const response = await fetch(`${harness.hub.url}/socket.io/?EIO=4&transport=polling&sid=nobody`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(2 * MIB),
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect((await fetch(`${harness.hub.url}/healthz`)).status).toBe(200);
  });
});
