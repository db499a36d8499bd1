import {
  escalateOverdue,
  escalationDue,
  modeInForce,
  slaInForce,
  type Incident,
  type ModeState,
  type SlaConfig,
} from '../domain';
import { modeAt, slaAt } from './commands';
import { recordEvents } from './projector';
import type { HubStore } from './store';

/**
 * Escalates every case overdue at its stage to the centre one level up, as the SLA table in force where it is
 * says. Each escalation is decided and recorded in one serialised transaction from the incident as stored, so
 * however many hubs sweep the same database, a missed deadline escalates a case once.
 */
export class EscalationSweep {
  constructor(
    private readonly store: HubStore,
    private readonly clock: () => number,
    private readonly onCommitted: (seqs: number[]) => void,
  ) {}

  /** One pass over the open cases; returns how many escalations it recorded. */
  async sweep(): Promise<number> {
    const now = new Date(this.clock()).toISOString();
    const modes = (await this.store.entitiesInScope('', 'mode')).map((entity) => entity.doc as ModeState);
    const tables = (await this.store.entitiesInScope('', 'sla')).map((entity) => ({
      jurisdictionCode: entity.id,
      config: entity.doc as SlaConfig,
    }));
    let recorded = 0;
    for (const { id, doc } of await this.store.entitiesInScope('', 'incident')) {
      const incident = doc as Incident;
      if (incident.stage === 'closed') continue;
      // Only a case due now is looked at again, in a transaction of its own.
      const code = incident.jurisdictionCode;
      if (escalationDue(incident, now, modeInForce(modes, code), slaInForce(tables, code)) === null) continue;
      recorded += await this.escalate(id);
    }
    return recorded;
  }

  /** Every escalation the case is due, one level at a time. */
  private async escalate(incidentId: string): Promise<number> {
    const now = new Date(this.clock()).toISOString();
    const seqs = await this.store.transaction(async (tx) => {
      await tx.serialise();
      const stored = (await tx.getEntity('incident', incidentId))?.doc as Incident | undefined;
      if (!stored) return [];
      const mode = await modeAt(tx, stored.jurisdictionCode);
      const sla = await slaAt(tx, stored.jurisdictionCode);
      const drafts = [];
      let incident = stored;
      for (let next = escalateOverdue(incident, now, mode, sla); next;) {
        drafts.push(...next.events);
        incident = next.incident;
        next = escalateOverdue(incident, now, mode, sla);
      }
      return (await recordEvents(tx, drafts)).map((event) => event.seq);
    });
    if (seqs.length > 0) this.onCommitted(seqs);
    return seqs.length;
  }
}
