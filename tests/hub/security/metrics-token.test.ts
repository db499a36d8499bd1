import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METRICS_TOKEN_ENV, METRICS_TOKEN_FILE } from '../../../src/hub/observability/metrics-token';
import { STORE_KINDS } from '../support/databases';
import { startTestHub, type Harness } from '../support/hub-harness';

const TOKEN = 'metrics-token-for-the-scraper-0123456789';

/** How a hub is set up for a case: where it listens and where its metrics token comes from. */
interface Setup {
  host: '0.0.0.0' | '127.0.0.1';
  from: 'option' | 'env' | 'file' | 'none';
}

interface Case {
  name: string;
  setup: Setup;
  /** The Authorization header sent, given the token the hub requires. */
  authorization: (token: string) => string | undefined;
  status: 200 | 401;
}

const ALL_INTERFACES_WITH_OPTION: Setup = { host: '0.0.0.0', from: 'option' };

const CASES: Case[] = [
  {
    name: 'no token, all interfaces',
    setup: ALL_INTERFACES_WITH_OPTION,
    authorization: () => undefined,
    status: 401,
  },
  {
    name: 'a wrong token',
    setup: ALL_INTERFACES_WITH_OPTION,
    authorization: () => 'Bearer not-the-token',
    status: 401,
  },
  {
    name: 'the token with one more character',
    setup: ALL_INTERFACES_WITH_OPTION,
    authorization: (t) => `Bearer ${t}x`,
    status: 401,
  },
  {
    name: 'the token as Basic credentials',
    setup: ALL_INTERFACES_WITH_OPTION,
    authorization: (t) => `Basic ${Buffer.from(`x:${t}`).toString('base64')}`,
    status: 401,
  },
  { name: 'the token', setup: ALL_INTERFACES_WITH_OPTION, authorization: (t) => `Bearer ${t}`, status: 200 },
  {
    name: 'no token when the hub generated one',
    setup: { host: '0.0.0.0', from: 'none' },
    authorization: () => undefined,
    status: 401,
  },
  {
    name: "the hub's generated token",
    setup: { host: '0.0.0.0', from: 'none' },
    authorization: (t) => `Bearer ${t}`,
    status: 200,
  },
  {
    name: 'no token, env configured',
    setup: { host: '0.0.0.0', from: 'env' },
    authorization: () => undefined,
    status: 401,
  },
  {
    name: 'the env token',
    setup: { host: '0.0.0.0', from: 'env' },
    authorization: (t) => `Bearer ${t}`,
    status: 200,
  },
  {
    name: 'no token, file configured',
    setup: { host: '0.0.0.0', from: 'file' },
    authorization: () => undefined,
    status: 401,
  },
  {
    name: 'the file token',
    setup: { host: '0.0.0.0', from: 'file' },
    authorization: (t) => `Bearer ${t}`,
    status: 200,
  },
  {
    name: 'no token, loopback with none configured',
    setup: { host: '127.0.0.1', from: 'none' },
    authorization: () => undefined,
    status: 200,
  },
  {
    name: 'no token, loopback with one configured',
    setup: { host: '127.0.0.1', from: 'env' },
    authorization: () => undefined,
    status: 401,
  },
];

describe.each(STORE_KINDS)('the metrics token on a %s hub', (_store, createDatabase) => {
  let harness: Harness | undefined;

  afterEach(async () => {
    delete process.env[METRICS_TOKEN_ENV];
    await harness?.close();
    harness = undefined;
  });

  /** Starts the hub of a case; answers the token it requires, if any. */
  async function start({ host, from }: Setup): Promise<{ hub: Harness['hub']; token: string }> {
    const keysDir = mkdtempSync(join(tmpdir(), 'pingan-metrics-keys-'));
    if (from === 'env') process.env[METRICS_TOKEN_ENV] = TOKEN;
    if (from === 'file') writeFileSync(join(keysDir, METRICS_TOKEN_FILE), `${TOKEN}\n`, { mode: 0o600 });
    harness = await startTestHub(await createDatabase(), {
      host,
      keysDir,
      ...(from === 'option' ? { metricsToken: TOKEN } : {}),
    });
    const generated = join(keysDir, METRICS_TOKEN_FILE);
    if (from === 'none' && host === '0.0.0.0') {
      expect(statSync(generated).mode & 0o777).toBe(0o600);
      return { hub: harness.hub, token: readFileSync(generated, 'utf8').trim() };
    }
    return { hub: harness.hub, token: TOKEN };
  }

  it.each(CASES)('answers /metrics with $status for $name', async ({ setup, authorization, status }) => {
    const { hub, token } = await start(setup);
    const header = authorization(token);
    const url = `http://127.0.0.1:${hub.port}`;
    const response = await fetch(`${url}/metrics`, { headers: header ? { authorization: header } : {} });
    const text = await response.text();
    expect(response.status, text).toBe(status);
    if (status === 200) expect(text).toContain('# TYPE');
    else {
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      expect(JSON.parse(text)).toMatchObject({ error: { code: 'bad-metrics-token' } });
      expect(text).not.toContain('# TYPE');
    }
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
