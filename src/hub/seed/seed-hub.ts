import { CODE_LENGTH, type HubEventDraft } from '../../domain';
import { recordEvents } from '../projector';
import type { HubStore } from '../store';
import { demoKeyPersonEvents } from './demo-key-persons';
import { demoTargetEvents } from './demo-targets';
import { generateInventory, type Inventory } from './inventory';

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

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Operators' scopes stop at the village, and an event reaches a subscriber only when its jurisdiction lies
 * inside the subscriber's scope: so grid-level things are registered by village, and everything else by
 * its own jurisdiction.
 */
function registrationCode(jurisdictionCode: string): string {
  return jurisdictionCode.slice(0, Math.min(jurisdictionCode.length, CODE_LENGTH.village));
}

/** A county's share of the inventory (the prefecture's own departments make a chunk of their own). */
function chunkKey(jurisdictionCode: string): string {
  return jurisdictionCode.slice(0, Math.min(jurisdictionCode.length, CODE_LENGTH.county));
}

function registrationEvents(inventory: Inventory, at: string): Map<string, HubEventDraft[]> {
  const drafts: HubEventDraft[] = [];
  for (const [jurisdiction, units] of groupBy(inventory.units, (u) => u.jurisdictionCode)) {
    drafts.push({ type: 'units.registered', jurisdiction, at, payload: { units } });
  }
  for (const [jurisdiction, points] of groupBy(inventory.points, (p) =>
    registrationCode(p.jurisdictionCode),
  )) {
    drafts.push({ type: 'monitoring.registered', jurisdiction, at, payload: { points } });
  }
  const places = groupBy(inventory.coverage.places, (p) => registrationCode(p.jurisdictionCode));
  const roads = groupBy(inventory.coverage.roads, (r) => registrationCode(r.jurisdictionCode));
  for (const jurisdiction of new Set([...places.keys(), ...roads.keys()])) {
    const payload = { places: places.get(jurisdiction) ?? [], roads: roads.get(jurisdiction) ?? [] };
    drafts.push({ type: 'coverage.registered', jurisdiction, at, payload });
  }
  for (const [jurisdiction, forces] of groupBy(inventory.forces, (f) =>
    registrationCode(f.jurisdictionCode),
  )) {
    drafts.push({ type: 'forces.registered', jurisdiction, at, payload: { forces } });
  }
  return groupBy(drafts, (draft) => chunkKey(draft.jurisdiction));
}

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
  const inventory = generateInventory(regionId, options.regionsDir);
  const at = new Date(options.at ?? Date.now()).toISOString();
  const keyPersons = demoKeyPersonEvents(regionId, at, options.regionsDir);
  const chunks = [...registrationEvents(inventory, at).values()];
  if (keyPersons.length > 0) chunks.push(keyPersons);
  const targets = demoTargetEvents(regionId, at, options.regionsDir);
  if (targets.length > 0) chunks.push(targets);

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
