import { describe, expect, it } from 'vitest';
import { coverageIn, rollUp, type CoverageState } from '../../src/core/cache/coverage';
import { coverageWithin, type CoverageCounts } from '../../src/domain';

/** A deterministic spread of counts over the grids and villages of two counties. */
function countsOf(seed: number): Map<string, CoverageCounts> {
  let state = seed;
  const next = (n: number) => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) % n;
  const counts = new Map<string, CoverageCounts>();
  for (let i = 0; i < 400; i += 1) {
    const county = `53290${1 + next(2)}`;
    const village = `${county}${String(100 + next(5)).padStart(3, '0')}${String(200 + next(8)).padStart(3, '0')}`;
    const code = next(3) === 0 ? village : `${village}${String(next(20)).padStart(3, '0')}`;
    const total = [next(6), next(6)];
    counts.set(code, { places: [next(total[0]! + 1), total[0]!], roads: [next(total[1]! + 1), total[1]!] });
  }
  return counts;
}

describe('coverage rolled up by jurisdiction', () => {
  it.each([1, 2, 3])('answers every jurisdiction and prefix as summing the counts does (seed %i)', (seed) => {
    const counts = countsOf(seed);
    const state: CoverageState = { at: 0, counts, rolledUp: rollUp(counts), cameras: new Map() };
    const asked = new Set(['5329', '532901', '532902', '532903', '53290', '532901100999', '532901100200999']);
    for (const code of counts.keys())
      for (const length of [4, 6, 9, 12, 15, 7, 10])
        if (length <= code.length) asked.add(code.slice(0, length));
    for (const code of asked) expect(coverageIn(state, code), code).toEqual(coverageWithin(counts, code));
  });
});
