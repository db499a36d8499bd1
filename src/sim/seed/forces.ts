import type { Force, ForceKind, Jurisdiction, LngLat } from '../../domain';
import { isUrbanVillage, placeNameOfVillage } from '../../regions/names';
import type { Random } from '../../regions/seeded-random';
import { apportion } from './apportion';
import {
  DALI_FIGURES,
  DALI_VILLAGES,
  GRID_WORKERS_PER_GRID,
  GULANG_CODE,
  GULANG_GRID_WORKERS,
} from './figures';
import type { RegionTree } from './region-tree';
import type { RegionShapes } from './shapes';

interface ForceTargets {
  gridWorkers: number;
  jointDefenceTeams: number;
  jointDefenceMembers: number;
  volunteers: number;
}

function forceTargets(tree: RegionTree): ForceTargets {
  const scale = tree.villages.length / DALI_VILLAGES;
  return {
    gridWorkers:
      tree.root.code === GULANG_CODE ? GULANG_GRID_WORKERS : Math.round(DALI_FIGURES.gridWorkers * scale),
    jointDefenceTeams: Math.round(DALI_FIGURES.jointDefenceTeams * scale),
    jointDefenceMembers: Math.round(DALI_FIGURES.jointDefenceMembers * scale),
    volunteers: Math.round(DALI_FIGURES.volunteers * scale),
  };
}

/**
 * `total` people over `groups` groups as evenly as whole people allow, the odd ones out drawn at random,
 * each group within [min, max] (which may then miss the total when it cannot be met).
 */
function spreadEvenly(total: number, groups: number, random: Random, min = 1, max = Infinity): number[] {
  if (groups === 0) return [];
  const base = Math.floor(total / groups);
  const sizes = Array<number>(groups).fill(base);
  const order = sizes.map((_, i) => ({ i, key: random() })).sort((a, b) => a.key - b.key);
  for (const { i } of order.slice(0, total - base * groups)) sizes[i]! += 1;
  return sizes.map((size) => Math.min(max, Math.max(min, size)));
}

function forceId(kind: ForceKind, jurisdictionCode: string, n?: number): string {
  const prefix = { 'grid-worker': 'gw', 'patrol-team': 'pt', volunteer: 'vol', 'joint-defence-team': 'jdt' }[
    kind
  ];
  return n === undefined ? `${prefix}-${jurisdictionCode}` : `${prefix}-${jurisdictionCode}-${n}`;
}

const PATROL_STOPS = 5;
const PATROL_MEMBERS = { min: 4, max: 6 };

/**
 * A patrol's beat in its township: a few stops drawn inside it, taken in order of their bearing from the middle
 * so the loop does not cross itself.
 */
function patrolRoute(township: Jurisdiction, shapes: RegionShapes, random: Random): LngLat[] {
  const stops = Array.from({ length: PATROL_STOPS }, () => shapes.randomPointIn(township.code, random));
  const [cx, cy] = [
    stops.reduce((sum, [lng]) => sum + lng, 0) / stops.length,
    stops.reduce((sum, [, lat]) => sum + lat, 0) / stops.length,
  ];
  return stops.sort((a, b) => Math.atan2(a[1] - cy, a[0] - cx) - Math.atan2(b[1] - cy, b[0] - cx));
}

/**
 * Grid workers (one force per grid), joint-defence teams (spread over townships by their number of villages)
 * one red-armband volunteer team per village, each starting somewhere inside its own area, and one patrol team
 * per township, starting at the first stop of its beat.
 */
export function generateForces(
  tree: RegionTree,
  shapes: RegionShapes,
  random: Random,
  inventoryAt: number,
): Force[] {
  const targets = forceTargets(tree);
  const at = new Date(inventoryAt).toISOString();
  const startIn = (area: Jurisdiction) => {
    const [lng, lat] = shapes.randomPointIn(area.code, random);
    return { lng, lat, at };
  };

  const gridWorkerSizes = spreadEvenly(
    targets.gridWorkers,
    tree.grids.length,
    random,
    GRID_WORKERS_PER_GRID.min,
    GRID_WORKERS_PER_GRID.max,
  );
  const gridWorkers = tree.grids.map((grid, i): Force => ({
    id: forceId('grid-worker', grid.code),
    kind: 'grid-worker',
    name: `${grid.name}网格员`,
    jurisdictionCode: grid.code,
    members: gridWorkerSizes[i]!,
    position: startIn(grid),
  }));

  const teamsPerTownship = apportion(
    targets.jointDefenceTeams,
    tree.townships.map((township) => tree.childrenOf(township.code).length),
  );
  const teamSizes = spreadEvenly(targets.jointDefenceMembers, targets.jointDefenceTeams, random);
  let team = 0;
  const jointDefence = tree.townships.flatMap((township, t) =>
    Array.from({ length: teamsPerTownship[t]! }, (_, i): Force => ({
      id: forceId('joint-defence-team', township.code, i + 1),
      kind: 'joint-defence-team',
      name: `${township.name}第${i + 1}联防队`,
      jurisdictionCode: township.code,
      members: teamSizes[team++]!,
      position: startIn(township),
    })),
  );

  // Neighbourhood committees muster more volunteers than rural villages.
  const volunteerSizes = apportion(
    targets.volunteers,
    tree.villages.map((village) => (isUrbanVillage(village.code) ? 1.5 : 1) * (0.7 + 0.6 * random())),
  );
  const volunteers = tree.villages.map((village, i): Force => ({
    id: forceId('volunteer', village.code),
    kind: 'volunteer',
    name: `${placeNameOfVillage(village.name)}红袖标志愿队`,
    jurisdictionCode: village.code,
    members: Math.max(1, volunteerSizes[i]!),
    position: startIn(village),
    // Off duty until they report in: 在岗 counts only what the volunteers themselves said.
    onDuty: false,
  }));

  // Drawn last, so the forces above are placed as they were before patrols were added.
  const patrols = tree.townships.map((township): Force => {
    const route = patrolRoute(township, shapes, random);
    return {
      id: forceId('patrol-team', township.code),
      kind: 'patrol-team',
      name: `${township.name}巡逻队`,
      jurisdictionCode: township.code,
      members: PATROL_MEMBERS.min + Math.floor(random() * (PATROL_MEMBERS.max - PATROL_MEMBERS.min + 1)),
      position: { lng: route[0]![0], lat: route[0]![1], at },
      route,
    };
  });

  return [...gridWorkers, ...jointDefence, ...volunteers, ...patrols];
}
