import type { HubEvent } from './event';
import { modeInForce, type Mode, type ModeState } from './mode';
import { projectEvent, type EntityKind, type EntityState } from './projection';
import { slaInForce, type SlaConfig } from './sla';
import { toMillis } from './time';

/** By time and, at the same time, by place in the log. */
function inLogOrder(a: HubEvent, b: HubEvent): number {
  return toMillis(a.at) - toMillis(b.at) || a.seq - b.seq;
}

/**
 * The event log played forward to a chosen instant: every entity as it stood then, built by the same
 * projection the hub and the cache use, so the state at an instant is the state either held at that instant.
 * Events are taken in the order of their time and, at the same time, of their place in the log.
 */
export class LogReplay {
  private events: readonly HubEvent[];
  /** By kind, then id: the mode and SLA lookups read their few entities without walking every incident. */
  private readonly entities = new Map<EntityKind, Map<string, EntityState>>();
  private next = 0;
  private reached = Number.NEGATIVE_INFINITY;

  constructor(events: readonly HubEvent[]) {
    this.events = [...events].sort(inLogOrder);
  }

  /**
   * Takes events that reached the log after the replay was built. Those after the instant played to join the
   * events still to play; one at or before it would have changed what has been played, so nothing is taken
   * and the answer is false: the caller starts a new replay.
   */
  add(events: readonly HubEvent[]): boolean {
    if (events.some((event) => toMillis(event.at) <= this.reached)) return false;
    this.events = [
      ...this.events.slice(0, this.next),
      ...[...this.events.slice(this.next), ...events].sort(inLogOrder),
    ];
    return true;
  }

  /** The instant played to so far. */
  get at(): number {
    return this.reached;
  }

  /** Plays every event at or before `ms`. Time only moves forward: an earlier instant needs a new replay. */
  advanceTo(ms: number): this {
    if (ms < this.reached) throw new Error('a replay only moves forward; start a new one to go back');
    const lookup = (kind: EntityKind, id: string) => this.entities.get(kind)?.get(id);
    while (this.next < this.events.length && toMillis(this.events[this.next]!.at) <= ms) {
      for (const state of projectEvent(this.events[this.next]!, lookup)) {
        let ofKind = this.entities.get(state.kind);
        if (!ofKind) this.entities.set(state.kind, (ofKind = new Map()));
        ofKind.set(state.id, state);
      }
      this.next += 1;
    }
    this.reached = ms;
    return this;
  }

  /** Every entity of `kind` as it stands at the instant played to. */
  *all<T>(kind: EntityKind): Generator<{ id: string; jurisdiction: string; doc: T }> {
    for (const state of this.entities.get(kind)?.values() ?? [])
      yield { id: state.id, jurisdiction: state.jurisdiction, doc: state.doc as T };
  }

  /** One entity as it stands at the instant played to. */
  get<T>(kind: EntityKind, id: string): T | undefined {
    return this.entities.get(kind)?.get(id)?.doc as T | undefined;
  }

  /** The mode in force in `code` at the instant played to. */
  modeIn(code: string): Mode {
    return modeInForce(
      [...this.all<ModeState>('mode')].map((entity) => entity.doc),
      code,
    );
  }

  /** The SLA tables in force in `code` at the instant played to. */
  slaIn(code: string): SlaConfig {
    return slaInForce(
      [...this.all<SlaConfig>('sla')].map((entity) => ({ jurisdictionCode: entity.id, config: entity.doc })),
      code,
    );
  }

  /** Every entity, as the cache would hold it at the instant played to. */
  states(): EntityState[] {
    return [...this.entities.values()].flatMap((ofKind) => [...ofKind.values()]);
  }
}
