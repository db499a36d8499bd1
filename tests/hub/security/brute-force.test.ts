import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_KINDS } from '../support/databases';
import { addOperator, startTestHub, type Harness } from '../support/hub-harness';
import { signIn } from './support';

const PER_ADDRESS = 5;

describe.each(STORE_KINDS)('sign-in throttles on %s', (_kind, createDatabase) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase(), {
      signInLimits: {
        perAddress: PER_ADDRESS,
        perName: 3,
        windowMs: 60_000,
        hashConcurrency: 2,
        hashQueue: 8,
      },
    });
  }, 60_000);
  afterAll(() => harness.close());

  it('answers 50 rapid attempts from one address with 429 before hashing all but a few', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 50 }, async () => {
        const sent = Date.now();
        const answer = await signIn(harness.hub, { name: `nobody-${randomUUID()}`, password: 'Guess-1234' });
        return { ...answer, took: Date.now() - sent };
      }),
    );
    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled).toHaveLength(50 - PER_ADDRESS);
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(PER_ADDRESS);
    for (const answer of throttled) {
      expect(answer.body.error?.code).toBe('too-many-attempts');
      expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    }
    // A throttled answer hashes nothing: all 45 are back long before the 5 hashed ones.
    const slowestThrottled = Math.max(...throttled.map((answer) => answer.took));
    const hashed = answers.filter((answer) => answer.status === 401).map((answer) => answer.took);
    expect(slowestThrottled).toBeLessThan(Math.max(...hashed));
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

describe('sign-in hashing slots', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startTestHub(await STORE_KINDS[0][1](), {
      signInLimits: { perAddress: 100, perName: 100, hashConcurrency: 1, hashQueue: 1 },
    });
  }, 60_000);
  afterAll(() => harness.close());

  it('answers 503 with Retry-After beyond one hashing and one waiting', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => signIn(harness.hub, { name: 'somebody', password: 'Guess-1234' })),
    );
    const busy = answers.filter((answer) => answer.status === 503);
    expect(busy).toHaveLength(2);
    expect(busy[0]!.body.error?.code).toBe('busy');
    expect(busy[0]!.retryAfter).toBe('1');
    expect(answers.filter((answer) => answer.status === 401)).toHaveLength(2);
  }, 60_000);

  it('throttles an account name tried from anywhere', async () => {
    const { name } = await addOperator(harness.hub, 'operator', '532901');
    const hub = await startTestHub(await STORE_KINDS[0][1](), {
      signInLimits: { perAddress: 100, perName: 2 },
    });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1)
        statuses.push((await signIn(hub.hub, { name, password: 'Wrong-pass-1' })).status);
      expect(statuses).toEqual([401, 401, 429]);
    } finally {
      await hub.close();
    }
  }, 60_000);
});
