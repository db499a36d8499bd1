import { describe, expect, it } from 'vitest';
import { operatorCommandSchema, type OperatorCommand } from '../../../src/domain';
import { ExportAudit } from '../../../src/core/services/export-audit';

describe('the export audit', () => {
  it('records each export as a recordExport command: what, where, in which format, how many rows and when', () => {
    const submitted: OperatorCommand[] = [];
    const audit = new ExportAudit((command) => submitted.push(command));
    const at = Date.parse('2026-03-01T02:30:00.000Z');

    audit.record({ document: 'key-person-list', scope: '532922', format: 'csv', count: 12 }, at);
    audit.record({ document: 'key-person-list', scope: '532922100', format: 'pdf', count: 0 }, at + 1000);

    expect(submitted).toEqual([
      {
        type: 'recordExport',
        commandId: expect.any(String),
        document: 'key-person-list',
        scope: '532922',
        format: 'csv',
        count: 12,
        exportedAt: '2026-03-01T02:30:00.000Z',
      },
      {
        type: 'recordExport',
        commandId: expect.any(String),
        document: 'key-person-list',
        scope: '532922100',
        format: 'pdf',
        count: 0,
        exportedAt: '2026-03-01T02:30:01.000Z',
      },
    ]);
    // Each is its own command, so the hub records both; each is one the hub accepts as well formed.
    expect(new Set(submitted.map((command) => command.commandId)).size).toBe(2);
    for (const command of submitted) expect(operatorCommandSchema.safeParse(command).success).toBe(true);
  });
});
