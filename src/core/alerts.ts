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

  constructor(
    private readonly queue: IncidentQueue,
    private readonly rules: () => QueueRules,
    private readonly raise: (alert: IncidentAlert) => void,
  ) {}

  /** Forgets what it knew: the next look marks everything already high-risk or overdue as known. */
  reset(): void {
    this.raised = null;
  }

  private known(): Record<AlertType, Set<string>> {
    if (!this.raised) {
      const rules = this.rules();
      this.raised = {
        'high-risk': new Set(this.queue.all({ risks: ['high'] }, 'updated', rules).map((row) => row.id)),
        overdue: new Set(this.overdueNow(rules)),
      };
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
  }

  sweep(): void {
    if (!this.raised) return void this.known();
    const rules = this.rules();
    for (const id of this.overdueNow(rules)) this.once('overdue', id, this.queue.get(id)?.title ?? id);
  }

  private overdueNow(rules: QueueRules): string[] {
    return this.queue
      .all({ overdueOnly: true, stages: [...HANDLING_STAGES] }, 'deadline', rules)
      .map((row) => row.id);
  }

  private once(type: AlertType, incidentId: string, title: string): void {
    const known = this.known()[type];
    if (known.has(incidentId)) return;
    known.add(incidentId);
    this.raise({ type, incidentId, title, at: new Date().toISOString() });
  }
}
