import { seededRandom, type Random } from '../../src/regions/seeded-random';

/** Set to replay a run's random choices: the seed a run used is printed when it starts. */
export const TEST_SEED_VARIABLE = 'PINGAN_TEST_SEED';

/**
 * A seeded source of randomness for a test that draws (cut times, orders): the seed comes from
 * `PINGAN_TEST_SEED` when set, else it is drawn afresh, and either way it is printed with the test's name,
 * so a failure seen once can be run again with the very same draws.
 */
export function testRandom(testName: string): { seed: string; random: Random } {
  const seed = process.env[TEST_SEED_VARIABLE] ?? String(Date.now() % 1_000_000);
  console.info(`${testName}: random seed ${seed} (replay with ${TEST_SEED_VARIABLE}=${seed})`);
  return { seed, random: seededRandom(seed) };
}
