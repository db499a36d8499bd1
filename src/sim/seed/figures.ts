/**
 * Published figures the demonstration inventory is built to (see the domain brief for sources). Dali's are
 * the yardstick: other regions get Dali's figures scaled by their number of villages.
 */
export const DALI_VILLAGES = 1159;

export const DALI_FIGURES = {
  /** "140,000+ public video cameras, 2,561 vehicle checkpoints, 3,951 face-capture cameras". */
  cameras: 140_000,
  vehicleCheckpoints: 2561,
  faceCaptureCameras: 3951,
  /** "19,000+ grid managers, 826 joint-defence teams (4,287 people), 36,000+ red-armband volunteers". */
  gridWorkers: 19_000,
  jointDefenceTeams: 826,
  jointDefenceMembers: 4287,
  volunteers: 36_000,
} as const;

/** Gulang's cameras by class 1, 2 and 3: the only published class split, so every region uses its shares. */
export const GULANG_CODE = '620622';
export const GULANG_CAMERA_CLASSES = [1932, 1159, 3980] as const;
/** Gulang counts 1,606 grid workers over its 690 grids. */
export const GULANG_GRID_WORKERS = 1606;

/** Dali's township video coverage is 94%: the share of cameras the inventory starts online. */
export const ONLINE_SHARE = 0.94;

/** A grid is looked after by one to five grid workers. */
export const GRID_WORKERS_PER_GRID = { min: 1, max: 5 } as const;
