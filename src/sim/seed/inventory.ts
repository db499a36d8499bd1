import type { Force, MemberUnit, MonitoringPoint } from '../../domain';
import { hashSeed, seededRandom, type Random } from '../../regions/seeded-random';
import { personName } from '../people';
import { generateForces } from './forces';
import { generateCoverageTargets, watchedSpotsByGrid, type CoverageTargets } from './key-places';
import { generateMemberUnits } from './member-units';
import { generateMonitoringPoints } from './monitoring-points';
import { readRegionTree } from './region-tree';
import { RegionShapes } from './shapes';

export interface Inventory {
  units: MemberUnit[];
  points: MonitoringPoint[];
  forces: Force[];
  /** What the cameras are to watch, for the monitoring coverage. */
  coverage: CoverageTargets;
}

const DAY_MS = 86_400_000;
/** Midnight in China (UTC+8) on 1 January 2025. */
const FIRST_INVENTORY_DAY = Date.UTC(2024, 11, 31, 16);

/** The day the inventory was taken: fixed per region, so a rebuilt inventory is identical to the byte. */
function inventoryDate(regionId: string): number {
  return FIRST_INVENTORY_DAY + (hashSeed(`inventory-date/${regionId}`) % 365) * DAY_MS;
}

/**
 * Each grid's workers by name: fictional, drawn from common surnames of the region, and distinct within a grid
 * so that a resolution names one of them unambiguously. Drawn from their own random numbers, which left every
 * other draw of the inventory as it was.
 */
function withRolls(forces: Force[], random: Random): Force[] {
  return forces.map((force) => {
    if (force.kind !== 'grid-worker') return force;
    const names = new Set<string>();
    while (names.size < force.members) names.add(personName(random));
    return { ...force, memberNames: [...names] };
  });
}

/**
 * A plausible inventory for a region — member units, monitoring points and forces — placed in its real
 * jurisdictions and boundaries. Deterministic: the random numbers are seeded by the region id.
 */
export function generateInventory(regionId: string, regionsDir?: string): Inventory {
  const tree = readRegionTree(regionId, regionsDir);
  const shapes = new RegionShapes(regionId, ['township', 'village', 'grid'], regionsDir);
  const at = inventoryDate(regionId);
  const coverage = generateCoverageTargets(tree, shapes, seededRandom(`inventory/${regionId}/coverage`));
  const points = generateMonitoringPoints(
    tree,
    shapes,
    seededRandom(`inventory/${regionId}/points`),
    at,
    watchedSpotsByGrid(coverage),
  );
  return {
    units: generateMemberUnits(tree),
    points,
    forces: withRolls(
      generateForces(tree, shapes, seededRandom(`inventory/${regionId}/forces`), at),
      seededRandom(`inventory/${regionId}/rolls`),
    ),
    coverage,
  };
}
