import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../src/hub/server';
import { PROTOCOL_VERSION } from '../../../src/protocol';
import { createSqliteDatabase } from '../support/databases';
import { PREFECTURE, addOperator } from '../support/hub-harness';

/** A self-signed certificate for 127.0.0.1, made with the machine's OpenSSL. */
function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'pingan-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

function post(url: string, body: unknown, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ca, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('a hub with a certificate', () => {
  const certificate = selfSignedCertificate();
  let hub: Hub;
  beforeAll(async () => {
    hub = await startHub({
      db: createSqliteDatabase().url,
      region: 'dali',
      port: 0,
      logger: pino({ level: 'silent' }),
      tls: certificate,
    });
  });
  afterAll(() => hub?.close());

  it('signs in over HTTPS and streams over WSS, so passwords and tokens never cross the wire in clear', async () => {
    expect(hub.url).toMatch(/^https:\/\//);
    const account = await addOperator(hub, 'operator', PREFECTURE);
    const answer = await post(
      `${hub.url}/api/v1/auth/login`,
      { name: account.name, password: account.password },
      certificate.cert,
    );
    expect(answer.status).toBe(200);
    const { accessToken } = JSON.parse(answer.body) as { accessToken: string };
    const socket = connect(hub.url, {
      auth: { token: accessToken, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      ca: certificate.cert.toString(),
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    socket.close();
  });

  it('answers nothing to plain HTTP on its port', async () => {
    await expect(
      fetch(hub.url.replace('https:', 'http:') + '/healthz').then((r) => r.status),
    ).rejects.toThrow();
  });
});
