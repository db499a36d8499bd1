import {
  CAMERA_CLASSES,
  VIEW_RANGE_METRES,
  type CameraClass,
  type LngLat,
  type MonitoringPoint,
  type MonitoringPointKind,
  type MonitoringStatus,
  type VideoSource,
} from '../../domain';
import { isUrbanTownship, isUrbanVillage } from '../../regions/names';
import type { Random } from '../../regions/seeded-random';
import { apportion } from './apportion';
import { DALI_FIGURES, DALI_VILLAGES, GULANG_CAMERA_CLASSES, GULANG_CODE, ONLINE_SHARE } from './figures';
import type { RegionTree } from './region-tree';
import { distanceKm } from '../../domain/geo';
import type { RegionShapes } from './shapes';

interface PointTargets {
  /** Cameras of class 1, 2 and 3. */
  cameraClasses: [number, number, number];
  vehicleCheckpoints: number;
  faceCaptureCameras: number;
}

/** Dali's published totals, scaled by villages elsewhere; Gulang keeps its own published camera classes. */
function pointTargets(tree: RegionTree): PointTargets {
  const scale = tree.villages.length / DALI_VILLAGES;
  const cameras = Math.round(DALI_FIGURES.cameras * scale);
  const cameraClasses =
    tree.root.code === GULANG_CODE ? [...GULANG_CAMERA_CLASSES] : apportion(cameras, GULANG_CAMERA_CLASSES);
  return {
    cameraClasses: cameraClasses as [number, number, number],
    vehicleCheckpoints: Math.round(DALI_FIGURES.vehicleCheckpoints * scale),
    faceCaptureCameras: Math.round(DALI_FIGURES.faceCaptureCameras * scale),
  };
}

/** Beyond this distance from the county seat a township counts as half as well equipped. */
const REMOTENESS_KM = 40;

/**
 * How much of a county's equipment a township draws: the seat most, other urban subdistricts next, and
 * rural townships less the further they lie from the seat.
 */
function townshipFactor(tree: RegionTree, shapes: RegionShapes, code: string, seatCentre: LngLat): number {
  if (tree.isSeatTownship(code)) return 3;
  if (isUrbanTownship(code)) return 2;
  return 1 / (1 + distanceKm(seatCentre, shapes.centre(code)) / REMOTENESS_KM);
}

function townshipFactors(tree: RegionTree, shapes: RegionShapes): Map<string, number> {
  const factors = new Map<string, number>();
  for (const county of tree.counties) {
    const townships = tree.childrenOf(county.code);
    if (townships.length === 0) continue;
    const seatCentre = shapes.centre(townships[0]!.code);
    for (const { code } of townships) factors.set(code, townshipFactor(tree, shapes, code, seatCentre));
  }
  return factors;
}

interface GridWeights {
  cameras: number[];
  checkpoints: number[];
  faceCapture: number[];
}

/** Face capture gathers in towns even more than cameras do; checkpoints sit on roads everywhere. */
function gridWeights(tree: RegionTree, shapes: RegionShapes, random: Random): GridWeights {
  const townships = townshipFactors(tree, shapes);
  const weights: GridWeights = { cameras: [], checkpoints: [], faceCapture: [] };
  for (const grid of tree.grids) {
    const village = grid.parentCode!;
    const township = village.slice(0, 9);
    const place = (townships.get(township) ?? 1) * (isUrbanVillage(village) ? 1.8 : 1);
    const jitter = () => 0.6 + 0.8 * random();
    weights.cameras.push(place * jitter());
    weights.checkpoints.push(Math.sqrt(place) * jitter());
    weights.faceCapture.push(place * place * jitter());
  }
  return weights;
}

const KIND_LABELS: Record<MonitoringPointKind, { prefix: string; name: string }> = {
  camera: { prefix: 'cam', name: '号摄像机' },
  'vehicle-checkpoint': { prefix: 'ckp', name: '号卡口' },
  'face-capture': { prefix: 'face', name: '号人脸抓拍机' },
};

const HOUR_MS = 3_600_000;

/** Most points start online; the dark ones went dark some time in the three days before the inventory date. */
function initialStatus(random: Random, inventoryAt: number): { status: MonitoringStatus; statusAt: string } {
  if (random() < ONLINE_SHARE) return { status: 'online', statusAt: new Date(inventoryAt).toISOString() };
  const status = random() < 2 / 3 ? 'offline' : 'fault';
  const darkFor = Math.ceil(random() * 72) * HOUR_MS;
  return { status, statusAt: new Date(inventoryAt - darkFor).toISOString() };
}

/** A camera put to watch a spot stands within this share of its viewing range of it, or a little beyond. */
const WATCH_REACH = 1.2;

/**
 * Where a grid's cameras stand: class-1 cameras (一类点) watch its key places first, then its roads; class-2
 * cameras the same spots from the other end of the list (the roads first, the places last); each is drawn near
 * the spot it watches, round the list. Class-3 cameras, and any that finds no spot, stand anywhere in the grid.
 */
function cameraLocations(
  grid: string,
  classes: readonly CameraClass[],
  spots: { places: LngLat[]; roads: LngLat[] } | undefined,
  shapes: RegionShapes,
  random: Random,
): LngLat[] {
  const watched: Record<CameraClass, LngLat[]> = {
    1: [...(spots?.places ?? []), ...(spots?.roads ?? [])],
    2: [...(spots?.places ?? []), ...(spots?.roads ?? [])].reverse(),
    3: [],
  };
  const turns: Record<CameraClass, number> = { 1: 0, 2: 0, 3: 0 };
  return classes.map((cameraClass) => {
    const list = watched[cameraClass];
    const spot = list.length === 0 ? undefined : list[turns[cameraClass]++ % list.length];
    const reach = VIEW_RANGE_METRES.camera[cameraClass] * WATCH_REACH;
    const near = spot ? shapes.randomPointNear(grid, spot, reach, random) : null;
    return near ?? shapes.randomPointIn(grid, random);
  });
}

/** The demo's media gateway: `pingan start` runs it and configures the hub with it under this id. */
export const DEMO_GATEWAY_ID = 'demo';

/**
 * A GB/T 28181 source for one of the demo's cameras with video (the class-1 cameras of the county seats):
 * the township's place digits, industry 00, an NVR (118) and its camera channel (131), and a serial.
 */
function demoVideoSource(gridCode: string, serial: number): VideoSource {
  const place = gridCode.slice(0, 8);
  const number = String(serial).padStart(6, '0');
  return {
    kind: 'gb28181',
    deviceId: `${place}001180${number}`,
    channelId: `${place}001310${number}`,
    gatewayId: DEMO_GATEWAY_ID,
  };
}

export function generateMonitoringPoints(
  tree: RegionTree,
  shapes: RegionShapes,
  random: Random,
  inventoryAt: number,
  watchedSpots: ReadonlyMap<string, { places: LngLat[]; roads: LngLat[] }> = new Map(),
): MonitoringPoint[] {
  const targets = pointTargets(tree);
  const weights = gridWeights(tree, shapes, random);
  const perClass = targets.cameraClasses.map((total) => apportion(total, weights.cameras));
  const checkpoints = apportion(targets.vehicleCheckpoints, weights.checkpoints);
  const faceCapture = apportion(targets.faceCaptureCameras, weights.faceCapture);

  const points: MonitoringPoint[] = [];
  let videoSerial = 0;
  tree.grids.forEach((grid, index) => {
    const place = (
      kind: MonitoringPointKind,
      classes: readonly (CameraClass | null)[],
      locations: readonly LngLat[] = [],
    ) => {
      const label = KIND_LABELS[kind];
      classes.forEach((cameraClass, i) => {
        const n = i + 1;
        points.push({
          id: `${label.prefix}-${grid.code}-${n}`,
          name: `${grid.name}${n}${label.name}`,
          kind,
          cameraClass,
          jurisdictionCode: grid.code,
          location: locations[i] ?? shapes.randomPointIn(grid.code, random),
          ...initialStatus(random, inventoryAt),
          ...(cameraClass === 1 && tree.isSeatTownship(grid.code.slice(0, 9))
            ? { video: demoVideoSource(grid.code, (videoSerial += 1)) }
            : {}),
        });
      });
    };
    const cameraClasses = CAMERA_CLASSES.flatMap((cameraClass, c) =>
      Array<CameraClass>(perClass[c]![index]!).fill(cameraClass),
    );
    place(
      'camera',
      cameraClasses,
      cameraLocations(grid.code, cameraClasses, watchedSpots.get(grid.code), shapes, random),
    );
    place('vehicle-checkpoint', Array<null>(checkpoints[index]!).fill(null));
    place('face-capture', Array<null>(faceCapture[index]!).fill(null));
  });
  return points;
}
