import type { Jurisdiction, LngLat, MonitoringPoint } from '../domain';
import { generateInventory, type Inventory } from './seed/inventory';
import { readRegionTree, type RegionTree } from './seed/region-tree';
import { RegionShapes } from './seed/shapes';
import { isUrbanVillage } from '../regions/names';
import type { Random } from '../regions/seeded-random';
import { weightedIndexPicker } from './draw';

/** Everything the simulator knows of a region: its tree, its shapes and the inventory the hub was seeded with. */
export interface SimRegion {
  regionId: string;
  tree: RegionTree;
  shapes: RegionShapes;
  inventory: Inventory;
  cameras: MonitoringPoint[];
  /** A grid drawn in proportion to how many people live there (towns more than remote villages). */
  randomGrid(random: Random): Jurisdiction;
  /** A grid's workers by name, as the inventory's roll has them. */
  gridWorkers(gridCode: string): readonly string[];
  /** The hub refuses coordinates outside the region, so anything sent must pass this. */
  insideRegion(point: readonly [number, number]): boolean;
  /** A random point in the grid that also lies inside the region's outline; null for a sliver outside it. */
  randomPlaceIn(gridCode: string, random: Random): LngLat | null;
}

const PLACE_ATTEMPTS = 20;

function loadSimRegion(regionId: string, regionsDir?: string): SimRegion {
  const tree = readRegionTree(regionId, regionsDir);
  const shapes = new RegionShapes(regionId, [tree.root.level, 'township', 'village', 'grid'], regionsDir);
  const inventory = generateInventory(regionId, regionsDir);
  const pickGrid = weightedIndexPicker(
    tree.grids.map((grid) => {
      const village = grid.parentCode!;
      const seat = tree.isSeatTownship(village.slice(0, 9));
      return (isUrbanVillage(village) ? 2 : 1) * (seat ? 2 : 1);
    }),
  );
  const insideRegion = (point: readonly [number, number]) => shapes.contains(tree.root.code, point);
  const rolls = new Map(
    inventory.forces.flatMap((force) =>
      force.kind === 'grid-worker' ? [[force.jurisdictionCode, force.memberNames ?? []] as const] : [],
    ),
  );
  return {
    regionId,
    tree,
    shapes,
    inventory,
    cameras: inventory.points.filter((point) => point.kind === 'camera'),
    randomGrid: (random) => tree.grids[pickGrid(random)]!,
    gridWorkers: (gridCode) => rolls.get(gridCode) ?? [],
    insideRegion,
    randomPlaceIn(gridCode, random) {
      for (let attempt = 0; attempt < PLACE_ATTEMPTS; attempt += 1) {
        const point = shapes.randomPointIn(gridCode, random);
        if (insideRegion(point)) return point;
      }
      return null;
    },
  };
}

const loaded = new Map<string, SimRegion>();

/** Loaded once per process: Dali's inventory takes most of a second to generate. */
export function simRegion(regionId: string, regionsDir?: string): SimRegion {
  const key = `${regionsDir ?? ''}|${regionId}`;
  let region = loaded.get(key);
  if (!region) {
    region = loadSimRegion(regionId, regionsDir);
    loaded.set(key, region);
  }
  return region;
}
