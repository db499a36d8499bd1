import { randomUUID } from 'node:crypto';
import type { DocumentExport, OperatorCommand } from '../../domain';

/**
 * Every export of an audited document (the key-person list) goes to the hub's audit log as a `recordExport`
 * command through the outbox, so it is recorded even when it was made offline.
 */
export class ExportAudit {
  constructor(private readonly submit: (command: OperatorCommand) => unknown) {}

  record(exported: Omit<DocumentExport, 'exportedAt'>, at: number): void {
    this.submit({
      type: 'recordExport',
      commandId: randomUUID(),
      document: exported.document,
      scope: exported.scope,
      format: exported.format,
      count: exported.count,
      ...(exported.columns ? { columns: exported.columns } : {}),
      exportedAt: new Date(at).toISOString(),
    });
  }
}
