import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/databases';
import {
  DALI_CITY,
  addKey,
  placeIn,
  postJson,
  report,
  startTestHub,
  type Harness,
} from '../support/hub-harness';

const PER_KEY = 6;
const PER_ADDRESS_WITHOUT_KEY = 3;
const FLOOD = 40;

/** A made-up key of the right shape, different every time. */
const randomKey = () => `pk_${randomBytes(24).toString('base64url')}`;

interface Flood {
  name: string;
  /** The key the flood's nth request carries, if any. */
  keyOf: (n: number) => string | undefined;
}

const FLOODS: Flood[] = [
  { name: 'a fresh random key on every request', keyOf: () => randomKey() },
  { name: 'no key at all', keyOf: () => undefined },
  { name: 'one wrong key', keyOf: () => 'pk_not-a-key-of-this-hub' },
  { name: 'a key of absurd length', keyOf: (n) => `${'k'.repeat(4000)}${n}` },
];

async function post(harness: Harness, key: string | undefined) {
  const place = placeIn(harness.hub.region, DALI_CITY);
  const headers: Record<string, string> = key ? {} : { authorization: '' };
  return postJson(`${harness.hub.url}/api/v1/reports`, key ?? '', { reports: [report(place)] }, headers);
}

describe.each(STORE_KINDS)('ingest rate limits on a %s hub', (_store, createDatabase) => {
  let harness: Harness | undefined;

  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function start(): Promise<Harness> {
    harness = await startTestHub(await createDatabase(), {
      ingestRateLimit: PER_KEY,
      ingestBadKeyRateLimit: PER_ADDRESS_WITHOUT_KEY,
    });
    return harness;
  }

  it.each(FLOODS)(
    'limits a flood with $name by its address, and a valid key from there still gets its own limit',
    async ({ keyOf }) => {
      const hub = await start();
      const head = await hub.hub.store.headSeq();
      const statuses: number[] = [];
      for (let n = 0; n < FLOOD; n += 1) statuses.push((await post(hub, keyOf(n))).status);

      expect(statuses.slice(0, PER_ADDRESS_WITHOUT_KEY)).toEqual(Array(PER_ADDRESS_WITHOUT_KEY).fill(401));
      expect(statuses.slice(PER_ADDRESS_WITHOUT_KEY)).toEqual(
        Array(FLOOD - PER_ADDRESS_WITHOUT_KEY).fill(429),
      );
      expect(await hub.hub.store.headSeq()).toBe(head);
      expect((await fetch(`${hub.hub.url}/healthz`)).status).toBe(200);

      const key = await addKey(hub.hub, DALI_CITY);
      const fromKey: number[] = [];
      for (let n = 0; n <= PER_KEY; n += 1) fromKey.push((await post(hub, key)).status);
      expect(fromKey).toEqual([...Array(PER_KEY).fill(201), 429]);
    },
  );

  it('answers a limited request in the refusal shape, saying to slow down', async () => {
    const hub = await start();
    for (let n = 0; n < PER_ADDRESS_WITHOUT_KEY; n += 1) await post(hub, randomKey());
    const limited = await post(hub, randomKey());
    expect(limited.status).toBe(429);
    expect(limited.body.error?.code).toBe('rate-limited');
  });
});
