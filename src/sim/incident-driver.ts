import { DEFAULT_SLA, deadlineFor, orderIdFor, type Incident, type LifecycleCommand } from '../domain';
import type { SimClock } from './clock';
import type { RunIds } from './ids';
import type { CommandReply, OperatorSession } from './operator-session';
import type { PlannedIncident } from './plan';
import type { Scheduler } from './scheduler';
import type { Step } from './script';

export interface DriverObserver {
  onAccepted(): void;
  onRefused(code: string): void;
  log(line: string): void;
  stopping(): boolean;
}

interface Track {
  incidentId: string;
  planned: PlannedIncident;
  step: number;
  attempt: number;
  /** The version the incident reaches with the simulator's last accepted command, ahead of the stream. */
  expectedVersion: number;
  /** Consecutive waits for the stream to bring something the next step needs. */
  waits: number;
}

/** Give the stream this long to bring an incident or order before giving up on it. */
const STREAM_WAIT_MS = 250;
const MAX_STREAM_WAITS = 120;
const STALE_RETRY_MS = 300;
const MAX_STALE_RETRIES = 5;
const UNANSWERED_RETRY_MS = 1000;
/** Allowance for the hub's clock and ours disagreeing, when waiting for a deadline on the hub's clock. */
const CLOCK_MARGIN_MS = 5000;
/** A supervision notice refused because the hub does not yet count the incident overdue is retried. */
const NOT_YET_OVERDUE_RETRY_MS = 30_000;
const MAX_NOT_YET_OVERDUE_RETRIES = 3;

/**
 * Walks incidents through their planned steps with operator commands, each naming the version it saw.
 * A refusal for a stale version waits for the stream and tries again; any other refusal ends the plan
 * for that incident, since the hub has the last word.
 */
export class IncidentDriver {
  private readonly tracks = new Map<string, Track>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly session: OperatorSession,
    private readonly scheduler: Scheduler,
    private readonly clock: SimClock,
    private readonly ids: RunIds,
    private readonly observer: DriverObserver,
  ) {}

  get inHand(): number {
    return this.tracks.size;
  }

  follow(incidentId: string, planned: PlannedIncident): void {
    if (planned.script.length === 0) return;
    const track: Track = { incidentId, planned, step: 0, attempt: 0, expectedVersion: 1, waits: 0 };
    this.tracks.set(incidentId, track);
    this.scheduleStep(track, planned.script[0]!.after);
  }

  /** Resolves when no command is waiting for the hub's answer. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private scheduleStep(track: Track, afterSimSeconds: number): void {
    this.scheduler.schedule(this.clock.now() + afterSimSeconds, () => {
      if (this.observer.stopping()) return;
      const running = this.run(track).catch((error: unknown) =>
        this.observer.log(`incident ${track.incidentId}: ${(error as Error).message}`),
      );
      this.inFlight.add(running);
      void running.finally(() => this.inFlight.delete(running));
    });
  }

  private retryIn(track: Track, realMs: number): void {
    this.scheduleStep(track, this.clock.simSecondsIn(realMs));
  }

  private finish(track: Track): void {
    this.tracks.delete(track.incidentId);
  }

  private async run(track: Track): Promise<void> {
    if (this.session.closed.has(track.incidentId)) return this.finish(track);
    const step = track.planned.script[track.step]!;
    const incident = this.session.incidents.get(track.incidentId);
    const wait = incident ? this.realWait(step, incident, track) : 'stream';
    if (!incident || wait === 'stream') return this.awaitStream(track, step);
    track.waits = 0;
    if (wait > 0) return this.retryIn(track, wait);

    const command = this.commandFor(track, step, incident);
    this.handle(track, step, await this.session.command(command), command.baseVersion);
  }

  private awaitStream(track: Track, step: Step): void {
    track.waits += 1;
    if (track.waits <= MAX_STREAM_WAITS) return this.retryIn(track, STREAM_WAIT_MS);
    this.observer.log(
      `incident ${track.incidentId}: the stream never brought what ${step.action} needs; left alone`,
    );
    this.finish(track);
  }

  /**
   * Real milliseconds to wait before the step makes sense on the hub's clock: a late unit reports in after
   * its time to acknowledge, and a notice for an overdue incident waits until the incident is overdue.
   * Both read the incident as the hub has it, so they wait ('stream') until the stream has caught up with
   * the simulator's own last change and brought the orders.
   */
  private realWait(step: Step, incident: Incident, track: Track): number | 'stream' {
    const timed =
      (step.action === 'acknowledge' && step.late) ||
      (step.action === 'issueSupervisionNotice' && step.onceOverdue);
    if (timed && incident.version < track.expectedVersion) return 'stream';
    if (step.action === 'acknowledge' && step.late) {
      const order = this.session.orders.get(orderIdFor(incident.id, step.unitId));
      if (!order) return 'stream';
      return Date.parse(order.acknowledgeBy) + CLOCK_MARGIN_MS - Date.now();
    }
    if (step.action === 'issueSupervisionNotice' && step.onceOverdue) {
      const mode = this.session.modeAt(incident.jurisdictionCode);
      const deadline = deadlineFor(incident, incident.stage, mode, DEFAULT_SLA);
      return deadline === null ? 0 : Date.parse(deadline) + CLOCK_MARGIN_MS - Date.now();
    }
    return 0;
  }

  private commandFor(track: Track, step: Step, incident: Incident): LifecycleCommand {
    const envelope = {
      commandId: this.ids.commandId(track.planned.key, track.step, track.attempt),
      incidentId: incident.id,
      baseVersion: Math.max(incident.version, track.expectedVersion),
    };
    switch (step.action) {
      case 'report':
        return { ...envelope, type: 'report', note: step.note };
      case 'close':
        return { ...envelope, type: 'close', reason: step.reason };
      case 'assess':
        return { ...envelope, type: 'assess', riskLevel: step.riskLevel };
      case 'assign': {
        // The units get the time the SLA gives for resolving an incident of this grade.
        const mode = this.session.modeAt(incident.jurisdictionCode);
        const minutes = DEFAULT_SLA[mode].resolve[incident.riskLevel ?? 'high'];
        const deadline = new Date(Date.now() + minutes * 60_000).toISOString();
        return { ...envelope, type: 'assign', unitIds: step.unitIds, deadline };
      }
      case 'acknowledge':
        return { ...envelope, type: 'acknowledge', unitId: step.unitId, note: step.note };
      case 'escalate':
        return { ...envelope, type: 'escalate', reason: step.reason };
      case 'issueSupervisionNotice':
        return { ...envelope, type: 'issueSupervisionNotice', requirement: step.requirement };
      case 'resolve':
        return {
          ...envelope,
          type: 'resolve',
          summary: step.summary,
          difficulty: step.difficulty,
          ...(step.resolver === null ? {} : { resolver: step.resolver }),
        };
      case 'recordFollowUp':
        return { ...envelope, type: 'recordFollowUp', satisfaction: step.satisfaction, note: step.note };
    }
  }

  private handle(track: Track, step: Step, reply: CommandReply, baseVersion: number): void {
    if (reply.ok) {
      this.observer.onAccepted();
      // Every lifecycle action moves the incident on by exactly one version.
      track.expectedVersion = baseVersion + 1;
      track.step += 1;
      track.attempt = 0;
      const next = track.planned.script[track.step];
      return next ? this.scheduleStep(track, next.after) : this.finish(track);
    }
    this.observer.onRefused(reply.code);
    if (reply.code === 'unanswered') return this.retryIn(track, UNANSWERED_RETRY_MS);
    const notYetOverdue =
      reply.code === 'precondition-failed' && step.action === 'issueSupervisionNotice' && step.onceOverdue;
    if (reply.code === 'stale-version' && track.attempt < MAX_STALE_RETRIES) {
      track.attempt += 1;
      return this.retryIn(track, STALE_RETRY_MS);
    }
    if (notYetOverdue && track.attempt < MAX_NOT_YET_OVERDUE_RETRIES) {
      track.attempt += 1;
      return this.retryIn(track, NOT_YET_OVERDUE_RETRY_MS);
    }
    this.observer.log(
      `incident ${track.incidentId}: ${step.action} refused (${reply.code}): ${reply.reason}`,
    );
    this.finish(track);
  }
}
