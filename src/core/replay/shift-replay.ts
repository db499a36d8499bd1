import {
  LogReplay,
  isWithin,
  toMillis,
  type Force,
  type HubEvent,
  type Incident,
  type MonitoringPoint,
  type Shift,
} from '../../domain';
import type { ReplayFrame } from '../contract/replay';

/**
 * The map of a shift played back from the cache: one `LogReplay` kept between frames, so playing forward
 * only applies the events since the last frame; a step back or another shift starts a new one.
 */
export class ShiftReplay {
  private replay: LogReplay | null = null;
  private key = '';

  constructor(private readonly readEvents: (from: number, until: number) => HubEvent[]) {}

  frame(shift: Shift, scope: string, at: number): ReplayFrame {
    const start = toMillis(shift.start);
    const end = toMillis(shift.end);
    const instant = Math.min(Math.max(at, start), end);
    const key = `${shift.start}/${shift.end}`;
    if (!this.replay || this.key !== key || instant < this.replay.at) {
      this.replay = new LogReplay(this.readEvents(start, end));
      this.key = key;
    }
    const replay = this.replay.advanceTo(instant);
    const incidents: ReplayFrame['incidents'] = [];
    for (const { doc } of replay.all<Incident>('incident')) {
      if (doc.stage === 'closed' || !isWithin(doc.jurisdictionCode, scope)) continue;
      incidents.push({
        id: doc.id,
        location: doc.location,
        stage: doc.stage,
        riskLevel: doc.riskLevel,
        title: doc.title,
      });
    }
    const forces: ReplayFrame['forces'] = [];
    for (const { doc } of replay.all<Force>('force')) {
      if (!doc.position || !isWithin(doc.jurisdictionCode, scope)) continue;
      forces.push({ id: doc.id, kind: doc.kind, location: [doc.position.lng, doc.position.lat] });
    }
    const offlineCameras: ReplayFrame['offlineCameras'] = [];
    for (const { doc } of replay.all<MonitoringPoint>('monitoring-point')) {
      if (doc.status === 'online' || !isWithin(doc.jurisdictionCode, scope)) continue;
      offlineCameras.push({ id: doc.id, location: doc.location, status: doc.status });
    }
    return { at: new Date(instant).toISOString(), incidents, forces, offlineCameras };
  }
}
