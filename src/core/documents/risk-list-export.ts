import {
  CODE_LENGTH,
  INCIDENT_CATEGORY_LABELS,
  OUTSTANDING_REASON_LABELS,
  RISK_LABELS,
  STAGE_LABELS,
  TARGET_CATEGORY_LABELS,
  chinaDateTime,
  chinaDayOf,
  type OutstandingDangerousObject,
  type OutstandingRisk,
} from '../../domain';
import { spreadsheetCsv } from '../csv';

const HEADERS = [
  '序号',
  '风险事项',
  '类别',
  '所在村（社区）',
  '地址',
  '风险等级',
  '当前环节',
  '责任单位',
  '发现时间',
  '办理时限',
  '列入原因',
  '编号',
];

/**
 * 突出矛盾风险清单 as a spreadsheet: one row per risk, in the list's order, names instead of codes; then the
 * dangerous objects overdue for inspection, their holder as the responsible unit and the day due as the deadline.
 */
export function riskListCsv(
  rows: readonly OutstandingRisk[],
  names: Readonly<Record<string, string>>,
  scopeName: string,
  now: number,
  dangerousObjects: readonly OutstandingDangerousObject[] = [],
): { fileName: string; mimeType: string; content: string; count: number } {
  const lines = rows.map((row, index) => [
    index + 1,
    row.title,
    INCIDENT_CATEGORY_LABELS[row.category].zh,
    names[row.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? row.jurisdictionCode,
    row.address,
    RISK_LABELS[row.riskLevel].zh,
    STAGE_LABELS[row.stage].zh,
    row.unitIds.map((unitId) => names[unitId] ?? unitId).join('、'),
    chinaDateTime(row.createdAt),
    row.deadline ? chinaDateTime(row.deadline) : '',
    row.reasons.map((reason) => OUTSTANDING_REASON_LABELS[reason].zh).join('、'),
    row.incidentId,
  ]);
  const objectLines = dangerousObjects.map((object, index) => [
    rows.length + index + 1,
    object.name,
    TARGET_CATEGORY_LABELS[object.category].zh,
    names[object.jurisdictionCode.slice(0, CODE_LENGTH.village)] ?? object.jurisdictionCode,
    object.address,
    RISK_LABELS[object.riskLevel].zh,
    '',
    object.holder,
    '',
    object.inspectionDue,
    '危险物超期未检查',
    object.id,
  ]);
  return {
    fileName: `${scopeName}突出矛盾风险清单-${chinaDayOf(now)}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: spreadsheetCsv(HEADERS, [...lines, ...objectLines]),
    count: rows.length + dangerousObjects.length,
  };
}
