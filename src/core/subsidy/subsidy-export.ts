import {
  DIFFICULTIES,
  DIFFICULTY_LABELS,
  groupBy,
  type SubsidyReport,
  type SubsidyTotal,
} from '../../domain';
import type { SubsidyExport } from '../contract/subsidies';
import { spreadsheetCsv } from '../csv';

/**
 * A month's subsidy by case as the sheet a centre signs and pays from: one line per grid worker by name, a subtotal
 * under each village and township, the total at the end.
 */
const HEADERS = [
  '乡镇（街道）',
  '村（社区）',
  '网格',
  '网格员',
  ...DIFFICULTIES.map((difficulty) => DIFFICULTY_LABELS[difficulty].zh),
  '件数合计',
  '补贴金额（元）',
];

/** Who is credited with the disputes filed at village level rather than in a grid. */
const VILLAGE_MEDIATION = '村（社区）调委会';
/** The worker of disputes whose resolution named no one, as logs written before the resolver was recorded. */
const WORKER_NOT_RECORDED = '未记录';

function line(
  township: string,
  village: string,
  grid: string,
  worker: string,
  total: SubsidyTotal,
): (string | number)[] {
  return [
    township,
    village,
    grid,
    worker,
    ...DIFFICULTIES.map((difficulty) => total.cases[difficulty]),
    total.count,
    total.amount,
  ];
}

/** `names` by code; a place without a name is shown by its code. */
export function exportSubsidies(report: SubsidyReport, names: Record<string, string>): SubsidyExport {
  const name = (code: string) => names[code] ?? code;
  const rowsOf = groupBy(report.rows, (row) => row.village);
  const villagesOf = groupBy(report.villages, (village) => village.township);
  const lines: (string | number)[][] = [];
  for (const township of report.townships) {
    const townshipName = name(township.township);
    for (const village of villagesOf.get(township.township) ?? []) {
      const villageName = name(village.village);
      for (const row of rowsOf.get(village.village) ?? [])
        lines.push(
          line(
            townshipName,
            villageName,
            row.grid === null ? VILLAGE_MEDIATION : name(row.grid),
            row.worker ?? WORKER_NOT_RECORDED,
            row,
          ),
        );
      lines.push(line(townshipName, villageName, '小计', '', village));
    }
    lines.push(line(townshipName, '合计', '', '', township));
  }
  lines.push(line('总计', '', '', '', report.overall));
  return {
    fileName: `subsidies-${report.scope}-${report.month}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content: spreadsheetCsv(HEADERS, lines),
    count: report.rows.length,
  };
}
