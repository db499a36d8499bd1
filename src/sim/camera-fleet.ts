import type { LngLat, MonitoringPoint, MonitoringStatus } from '../domain';
import { distanceKm } from '../domain/geo';
import { seededRandom, type Random } from '../regions/seeded-random';
import { chance, poisson } from './draw';
import { outageChance } from './earthquake';

export interface StatusChange {
  pointId: string;
  status: MonitoringStatus;
}

/** A dark camera is back in four hours on average; failures are as frequent as keeps 94% of them online. */
const MEAN_OUTAGE_SECONDS = 4 * 3600;
const ONLINE_SHARE = 0.94;
const RECOVERY_RATE = 1 / MEAN_OUTAGE_SECONDS;
const FAILURE_RATE = (RECOVERY_RATE * (1 - ONLINE_SHARE)) / ONLINE_SHARE;
/** At high speeds a step covers hours: cap it so one step stays one reasonable batch. */
const MAX_CHANGES_PER_STEP = 2000;

/** A list of point indices that can lose any member in constant time. */
class IndexSet {
  readonly items: number[] = [];
  private readonly slot: Int32Array;

  constructor(capacity: number) {
    this.slot = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.items.length;
  }

  has(index: number): boolean {
    return this.slot[index]! >= 0;
  }

  add(index: number): void {
    this.slot[index] = this.items.length;
    this.items.push(index);
  }

  remove(index: number): void {
    const at = this.slot[index]!;
    const last = this.items.pop()!;
    if (last !== index) {
      this.items[at] = last;
      this.slot[last] = at;
    }
    this.slot[index] = -1;
  }

  random(random: Random): number {
    return this.items[Math.floor(random() * this.items.length)]!;
  }
}

/**
 * The region's monitoring points going dark and coming back: a steady churn that keeps about 94% online,
 * and the earthquake's outage around the epicentre. Each step draws from its own seeded stream, so the
 * changes are the same on every run with the same seed.
 */
export class CameraFleet {
  private readonly online: IndexSet;
  private readonly dark: IndexSet;

  constructor(
    private readonly points: readonly MonitoringPoint[],
    private readonly seedLabel: string,
  ) {
    this.online = new IndexSet(points.length);
    this.dark = new IndexSet(points.length);
    points.forEach((point, index) => (point.status === 'online' ? this.online : this.dark).add(index));
  }

  get onlineShare(): number {
    return this.online.size / Math.max(1, this.points.length);
  }

  /** The changes in step `k`, which lasts `seconds` simulated seconds. */
  step(k: number, seconds: number): StatusChange[] {
    const random = seededRandom(`${this.seedLabel}/cameras/${k}`);
    const failures = Math.min(
      MAX_CHANGES_PER_STEP,
      poisson(random, FAILURE_RATE * seconds * this.online.size),
    );
    const recoveries = Math.min(
      MAX_CHANGES_PER_STEP,
      poisson(random, RECOVERY_RATE * seconds * this.dark.size),
    );
    const changes: StatusChange[] = [];
    for (let n = 0; n < recoveries && this.dark.size > 0; n += 1) {
      changes.push(this.bringBack(this.dark.random(random)));
    }
    for (let n = 0; n < failures && this.online.size > 0; n += 1) {
      changes.push(this.takeDown(this.online.random(random), random));
    }
    return changes;
  }

  /** Power and links fail around the epicentre, the more the closer. */
  shake(epicentre: LngLat, seed: string): StatusChange[] {
    const random = seededRandom(`${this.seedLabel}/shake/${seed}`);
    const changes: StatusChange[] = [];
    this.points.forEach((point, index) => {
      if (this.online.has(index) && chance(random, outageChance(distanceKm(point.location, epicentre)))) {
        changes.push(this.takeDown(index, random, 'offline'));
      }
    });
    return changes;
  }

  private takeDown(index: number, random: Random, status?: MonitoringStatus): StatusChange {
    this.online.remove(index);
    this.dark.add(index);
    return {
      pointId: this.points[index]!.id,
      status: status ?? (chance(random, 2 / 3) ? 'offline' : 'fault'),
    };
  }

  private bringBack(index: number): StatusChange {
    this.dark.remove(index);
    this.online.add(index);
    return { pointId: this.points[index]!.id, status: 'online' };
  }
}
