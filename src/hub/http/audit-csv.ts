import { chinaIsoTime } from '../../domain';
import type { AuditRecord } from '../../protocol';

const HEADERS = ['编号', '时间', '操作人', '操作人姓名', '操作', '对象', '结果', '辖区', '详情'];

/** A spreadsheet runs a cell that starts like a formula: a leading apostrophe keeps it text. */
function formulaSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: string | number | null): string {
  const text = formulaSafe(value === null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line per record, with a BOM so that a spreadsheet opens the Chinese as UTF-8. */
export function auditCsv(records: readonly AuditRecord[]): string {
  const lines = records.map((record) =>
    [
      record.id,
      chinaIsoTime(record.at),
      record.actor,
      record.actorName ?? '',
      record.action,
      record.target,
      record.outcome,
      record.scope,
      JSON.stringify(record.detail),
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[HEADERS.join(','), ...lines].join('\r\n')}\r\n`;
}
