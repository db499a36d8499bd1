import { CODE_LENGTH, type HubEventDraft } from '../../domain';
import { demoKeyPersonEvents } from './demo-key-persons';
import { demoTargetEvents } from './demo-targets';
import { generateInventory, type Inventory } from './inventory';

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

/** The demonstration's first events, in the chunks a hub records them in (one county's inventory each). */
export interface DemoSeed {
  inventory: Inventory;
  keyPersons: HubEventDraft[];
  /** Dangerous objects and sensitive places. */
  targets: HubEventDraft[];
  chunks: HubEventDraft[][];
}

/**
 * The region's inventory as registration events and, for the demonstration, a few key persons, dangerous
 * objects and sensitive places: what a demo hub's log starts with.
 */
export function demoSeedEvents(regionId: string, at: string, regionsDir?: string): DemoSeed {
  const inventory = generateInventory(regionId, regionsDir);
  const keyPersons = demoKeyPersonEvents(regionId, at, regionsDir);
  const chunks = [...registrationEvents(inventory, at).values()];
  if (keyPersons.length > 0) chunks.push(keyPersons);
  const targets = demoTargetEvents(regionId, at, regionsDir);
  if (targets.length > 0) chunks.push(targets);
  return { inventory, keyPersons, targets, chunks };
}
