import type { Random } from '../regions/seeded-random';

/** Random draws the simulator's plans are made of; all take the seeded source, never Math.random. */
export function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('cannot pick from nothing');
  return items[Math.floor(random() * items.length)]!;
}

export function pickWeighted<T>(random: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [item, weight] of items) {
    left -= weight;
    if (left < 0) return item;
  }
  return items.at(-1)![0];
}

/** A whole number in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function chance(random: Random, probability: number): boolean {
  return random() < probability;
}

function standardNormal(random: Random): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Handling times: most are short, a few run long; `median` in whatever unit the caller works in. */
export function logNormal(random: Random, median: number, sigma: number): number {
  return median * Math.exp(sigma * standardNormal(random));
}

export function exponential(random: Random, mean: number): number {
  return -mean * Math.log(1 - random());
}

/** Counts of rare events in an interval; the normal approximation takes over where exact sampling gets slow. */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * standardNormal(random)));
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random(); product > limit; product *= random()) count += 1;
  return count;
}

/** Picks an index in proportion to `weights`, in logarithmic time: for drawing among thousands of grids. */
export function weightedIndexPicker(weights: readonly number[]): (random: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const weight of weights) cumulative.push((total += weight));
  return (random) => {
    const target = random() * total;
    let [low, high] = [0, cumulative.length - 1];
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! > target) high = mid;
      else low = mid + 1;
    }
    return low;
  };
}
