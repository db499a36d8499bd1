/** A source of uniform numbers in [0, 1) that replays the same sequence for the same seed. */
export type Random = () => number;

/** FNV-1a: turns a jurisdiction code (or any label) into a 32-bit seed. */
export function hashSeed(label: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < label.length; i += 1) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough for placing seed points. Derived boundaries must come out
 * identical on every build, so nothing here may depend on the clock or on Math.random.
 */
export function seededRandom(label: string): Random {
  let state = hashSeed(label);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
