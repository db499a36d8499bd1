import type { LngLat } from '../domain';
import { CameraFleet } from './camera-fleet';
import type { SimClock } from './clock';
import { ForceFleet } from './force-fleet';
import type { RunIds } from './ids';
import type { Outbox } from './outbox';
import type { SimRegion } from './region-model';

export interface StatusUpdate {
  id: string;
  pointId: string;
  status: 'online' | 'offline' | 'fault';
  at: string;
}

export interface PositionUpdate {
  id: string;
  forceId: string;
  lng: number;
  lat: number;
  at: string;
  onDuty?: boolean;
}

const CAMERA_STEP_SECONDS = 60;
const FORCE_STEP_SECONDS = 5 * 60;

/**
 * A step lasts its base length, or as long as one real second at this speed if that is longer: at high
 * speeds the hub gets one batch a second instead of hundreds.
 */
function stepLength(base: number, speed: number): number {
  return base * Math.max(1, Math.ceil(speed / base));
}

/**
 * The steady stream from the field: camera status changes and force positions, in fixed simulated steps
 * so that the same seed and speed produce the same readings. Readings carry the hub's time (the wall clock).
 */
export class Telemetry {
  private readonly cameras: CameraFleet;
  private readonly forces: ForceFleet;
  private readonly cameraStep: number;
  private readonly forceStep: number;
  private camerasDone = 0;
  private forcesDone = 0;

  constructor(
    region: SimRegion,
    seedLabel: string,
    private readonly clock: SimClock,
    private readonly ids: RunIds,
    private readonly statuses: Outbox<StatusUpdate>,
    private readonly positions: Outbox<PositionUpdate>,
  ) {
    this.cameras = new CameraFleet(region.inventory.points, seedLabel);
    this.forces = new ForceFleet(region, seedLabel);
    this.cameraStep = stepLength(CAMERA_STEP_SECONDS, clock.speed);
    this.forceStep = stepLength(FORCE_STEP_SECONDS, clock.speed);
  }

  get onlineShare(): number {
    return this.cameras.onlineShare;
  }

  /** Runs every step that has ended by simulated second `t`. */
  advanceTo(t: number): void {
    const at = new Date().toISOString();
    for (; (this.camerasDone + 1) * this.cameraStep <= t; this.camerasDone += 1) {
      const k = this.camerasDone;
      this.statuses.push(
        this.cameras
          .step(k, this.cameraStep)
          .map((change, i) => ({ id: this.ids.external('st', k, i), ...change, at })),
      );
    }
    for (; (this.forcesDone + 1) * this.forceStep <= t; this.forcesDone += 1) {
      const k = this.forcesDone;
      const startsAt = k * this.forceStep;
      this.positions.push(
        this.forces
          .step(k, startsAt, this.forceStep, this.clock.hourAt(startsAt))
          .map((fix, i) => ({ id: this.ids.external('pos', k, i), ...fix, at })),
      );
    }
  }

  /** The earthquake: points around the epicentre go dark and nearby forces head there. */
  earthquake(epicentre: LngLat): { dark: number; heading: number } {
    const at = new Date().toISOString();
    const changes = this.cameras.shake(epicentre, 'earthquake');
    this.statuses.push(changes.map((change, i) => ({ id: this.ids.external('quake', i), ...change, at })));
    return { dark: changes.length, heading: this.forces.converge(epicentre, 'earthquake') };
  }
}
