import { recordEvents } from '../hub/projector';
import type { HubStore } from '../hub/store';
import { demoSeedEvents } from '../sim/seed/demo-events';

export interface SeedOptions {
  regionsDir?: string;
  /**
   * When the inventory is registered: now unless said otherwise. A demo that records a past first registers it
   * at the start of that past, which is then where the log begins.
   */
  at?: number;
  /** Called after each committed chunk (one county's inventory). */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  /** False when the log already held events, and nothing was written. */
  seeded: boolean;
  units: number;
  points: number;
  forces: number;
  keyPersons: number;
  /** Dangerous objects and sensitive places. */
  targets: number;
  events: number;
}

/** Another writer got to the log first: this seeding must not go on. */
class LogNotEmptyError extends Error {}

/**
 * Registers the region's inventory on a hub's first run, as events (and, for the demonstration, a few key
 * persons, dangerous objects and sensitive places), so that clients syncing from the start
 * of the log learn of it like of anything else. One transaction per county keeps statements a sane size.
 * Does nothing when the log already holds events; if another process starts writing meanwhile, the first
 * chunk notices (its events would not start the log) and the seeding stops without writing.
 */
export async function seedHub(
  store: HubStore,
  region: string | { regionId: string },
  options: SeedOptions = {},
): Promise<SeedResult> {
  const none: SeedResult = {
    seeded: false,
    units: 0,
    points: 0,
    forces: 0,
    keyPersons: 0,
    targets: 0,
    events: 0,
  };
  if ((await store.headSeq()) !== 0) return none;
  const regionId = typeof region === 'string' ? region : region.regionId;
  const at = new Date(options.at ?? Date.now()).toISOString();
  const { inventory, keyPersons, targets, chunks } = demoSeedEvents(regionId, at, options.regionsDir);

  let events = 0;
  try {
    for (const [index, chunk] of chunks.entries()) {
      await store.transaction(async (tx) => {
        const stored = await recordEvents(tx, chunk);
        if (index === 0 && stored[0]?.seq !== 1) throw new LogNotEmptyError();
        events += stored.length;
      });
      options.onProgress?.(index + 1, chunks.length);
    }
  } catch (error) {
    if (error instanceof LogNotEmptyError) return none;
    throw error;
  }
  return {
    seeded: true,
    units: inventory.units.length,
    points: inventory.points.length,
    forces: inventory.forces.length,
    keyPersons: keyPersons.length,
    targets: targets.length,
    events,
  };
}
