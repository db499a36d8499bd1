import { CODE_LENGTH, KEY_PERSON_CATEGORY_LABELS, chinaDayOf, type KeyPersonRow } from '../../domain';
import { spreadsheetCsv } from '../csv';

const HEADERS = [
  '序号',
  '姓名',
  '公民身份号码',
  '人员类别',
  '所在村（社区）',
  '联系电话',
  '列管原因',
  '稳控帮扶措施',
  '包保责任人',
  '关联事件',
];

/**
 * 重点人员清单 as a spreadsheet: one row per person, in the list's order, names instead of codes. The rows come
 * masked (532901********1234, which a spreadsheet keeps as text): a file leaves the centre's control.
 */
export function keyPersonCsv(
  rows: readonly KeyPersonRow[],
  names: Readonly<Record<string, string>>,
  scopeName: string,
  now: number,
): { fileName: string; mimeType: string; content: string; count: number } {
  const lines = rows.map((row, index) => [
    index + 1,
    row.name,
    row.idNumber,
    KEY_PERSON_CATEGORY_LABELS[row.category].zh,
    names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? row.jurisdictionCode,
    row.phone ?? '',
    row.reason,
    row.measures,
    row.responsible,
    row.linkedIncidentIds.map((id) => names[id] ?? id).join('、'),
  ]);
  return {
    fileName: `${scopeName}重点人员清单-${chinaDayOf(now)}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: spreadsheetCsv(HEADERS, lines),
    count: rows.length,
  };
}
