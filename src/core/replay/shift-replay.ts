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

/** Where a replay reads the log: the cache, which may still be growing (a catch-up, the live stream). */
export interface ReplaySource {
  /** The log's last seq in the cache. */
  cursor(): number;
  /** What a replay of [from, until) needs, as it stands now. */
  window(from: number, until: number): HubEvent[];
  /** What reached the cache after `seq` with a time before `until`. */
  after(seq: number, until: number): HubEvent[];
}

/**
 * The map of a shift played back from the cache: one `LogReplay` kept between frames, so playing forward
 * only applies the events since the last frame. Events that reached the cache since the replay read it are
 * taken in when they lie ahead of it; a step back, another shift, or a late event behind it starts a new one.
 */
export class ShiftReplay {
  private replay: LogReplay | null = null;
  private key = '';
  private readThrough = 0;

  constructor(private readonly source: ReplaySource) {}

  frame(shift: Shift, scope: string, at: number): ReplayFrame {
    const start = toMillis(shift.start);
    const end = toMillis(shift.end);
    const instant = Math.min(Math.max(at, start), end);
    const replay = this.replayFor(`${shift.start}/${shift.end}`, start, end, instant).advanceTo(instant);
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

  /** The kept replay if it can still reach `instant` truthfully, else a new one read from the cache. */
  private replayFor(key: string, start: number, end: number, instant: number): LogReplay {
    const cursor = this.source.cursor();
    const kept = this.replay && this.key === key && instant >= this.replay.at ? this.replay : null;
    if (kept && (cursor === this.readThrough || kept.add(this.source.after(this.readThrough, end)))) {
      this.readThrough = cursor;
      return kept;
    }
    this.readThrough = cursor;
    this.replay = new LogReplay(this.source.window(start, end));
    this.key = key;
    return this.replay;
  }
}
