import type { AlertType, IncidentAlert } from './contract/alerts';
import type { IncidentQueue, QueueRules } from './queue/incident-queue';

/** Overdue is a matter of the clock, so it is looked for on a timer as well as on changes. */
export const OVERDUE_SWEEP_MS = 15_000;
/** Stages where an overdue incident means a unit is late with its handling: the ones to escalate. */
const HANDLING_STAGES = ['assign', 'resolve', 'supervise'] as const;

/**
 * Raises an alert when an incident becomes high-risk or goes overdue in handling, once per incident and
 * type. What is already so when the watch first looks (the first batch after the core opens, which is
 * usually the catch-up, or a snapshot) is the queue's business, not an alert: a screen coming back from a
 * night offline should not ring for every incident of the night. Checking only the incidents a batch
 * changed keeps the cost with the change, not with the size of the queue.
 */
export class AlertWatch {
  private raised: Record<AlertType, Set<string>> | null = null;
  /** Everything due before this instant (ms) has been looked at: a sweep looks from here to now. */
  private sweptThrough = 0;

  constructor(
    private readonly queue: IncidentQueue,
    private readonly rules: () => QueueRules,
    private readonly raise: (alert: IncidentAlert) => void,
  ) {}

  /** Forgets what it knew: the next look marks everything already high-risk or overdue as known. */
  reset(): void {
    this.raised = null;
  }

  /**
   * The first look: what is high-risk or overdue in handling now is known, by id from the index without reading
   * a document; from here on only what changes or falls due is looked at.
   */
  private known(): Record<AlertType, Set<string>> {
    if (!this.raised) {
      const rules = this.rules();
      this.raised = {
        'high-risk': new Set(this.queue.ids({ risks: ['high'] }, rules)),
        overdue: new Set(this.queue.ids({ overdueOnly: true, stages: [...HANDLING_STAGES] }, rules)),
      };
      this.sweptThrough = rules.now;
    }
    return this.raised;
  }

  changed(ids: readonly string[]): void {
    if (!this.raised) return void this.known();
    for (const id of ids) {
      const incident = this.queue.get(id);
      if (!incident || incident.riskLevel !== 'high' || incident.stage === 'closed') continue;
      this.once('high-risk', id, incident.title);
    }
    // A change can put an incident past a due time the sweeps have already passed (a late event caught up):
    // it went overdue now.
    for (const row of this.queue.dueWithin(HANDLING_STAGES, 0, this.sweptThrough, ids))
      this.once('overdue', row.id, row.title);
  }

  sweep(): void {
    if (!this.raised) return void this.known();
    const now = this.rules().now;
    if (now <= this.sweptThrough) return;
    for (const row of this.queue.dueWithin(HANDLING_STAGES, this.sweptThrough, now))
      this.once('overdue', row.id, row.title);
    this.sweptThrough = now;
  }

  private once(type: AlertType, incidentId: string, title: string): void {
    const known = this.known()[type];
    if (known.has(incidentId)) return;
    known.add(incidentId);
    this.raise({ type, incidentId, title, at: new Date().toISOString() });
  }
}
