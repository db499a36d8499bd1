import type { Wording } from '../../../../src/domain';
import type { IncidentLoadProgress } from '../data/incident-pages';
import type { MapLayerId } from '../layers/context';
import type { Crumb } from '../scope/drill-down';

export type BasemapProblem = { kind: 'blocked'; origin: string } | { kind: 'error'; message: string };

/** What the React side shows of the map: replaced (never mutated) on every change, for useSyncExternalStore. */
export interface MapSnapshot {
  phase: 'loading' | 'ready' | 'failed';
  error: Wording | null;
  scope: string;
  trail: Crumb[];
  /** Null while that layer is still being read: the panel says so rather than show none. */
  counts: Record<MapLayerId, number | null>;
  /** Share of the monitoring points in scope that are online, 0–1; null with none in scope. */
  onlineShare: number | null;
  basemap: { loading: boolean; problem: BasemapProblem | null };
  /** While the incidents are read a page at a time: how far; null once all are in. */
  incidentLoad: IncidentLoadProgress | null;
}

export function initialSnapshot(root: string): MapSnapshot {
  return {
    phase: 'loading',
    error: null,
    scope: root,
    trail: [],
    counts: {
      grids: 0,
      incidents: null,
      'monitoring-points': null,
      forces: null,
      'sensitive-places': 0,
      'dangerous-objects': 0,
    },
    onlineShare: null,
    basemap: { loading: false, problem: null },
    incidentLoad: null,
  };
}

/** A minimal external store: one current snapshot and the listeners to tell when it is replaced. */
export class SnapshotStore {
  private readonly listeners = new Set<() => void>();

  constructor(private current: MapSnapshot) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  readonly get = () => this.current;

  update(change: Partial<MapSnapshot>): void {
    this.current = { ...this.current, ...change };
    this.listeners.forEach((listener) => listener());
  }
}
