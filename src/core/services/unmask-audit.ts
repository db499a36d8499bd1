import { randomUUID } from 'node:crypto';
import { UNMASKED_FIELDS, type OperatorCommand, type UnmaskableRecord } from '../../domain';

/**
 * Every time a commander sees a record's personal data whole goes to the hub's audit trail as a
 * `recordUnmask` command through the outbox, so it is recorded even when it happened offline.
 */
export class UnmaskAudit {
  constructor(private readonly submit: (command: OperatorCommand) => unknown) {}

  record(record: UnmaskableRecord, recordId: string, at: number): void {
    this.submit({
      type: 'recordUnmask',
      commandId: randomUUID(),
      record,
      recordId,
      fields: [...UNMASKED_FIELDS[record]],
      unmaskedAt: new Date(at).toISOString(),
    });
  }
}
