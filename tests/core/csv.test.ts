import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { spreadsheetCsv } from '../../src/core/csv';

const cellsOf = (csv: string) => parse(csv.replace(/^\uFEFF/, ''), { relaxColumnCount: true }) as string[][];

describe('CSV exports', () => {
  it.each([
    [
      'an equals sign',
      '=HYPERLINK("http://evil.example","点此")',
      `'=HYPERLINK("http://evil.example","点此")`,
    ],
    ['a plus sign', '+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['a minus sign', '-2+3', `'-2+3`],
    ['an at sign', '@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['a tab', '\t=1+1', `'\t=1+1`],
    ['a carriage return', '\r=1+1', `'\r=1+1`],
    ['ordinary text', '邻里纠纷 = 矛盾', '邻里纠纷 = 矛盾'],
    ['a formula sign later on', 'a=b', 'a=b'],
    ['an empty cell', '', ''],
  ])('makes a cell starting with %s inert', (_case, hostile, written) => {
    const [header, row] = cellsOf(spreadsheetCsv(['标题'], [[hostile]]));
    expect(header).toEqual(['标题']);
    expect(row).toEqual([written]);
  });

  it('writes numbers, negative ones too, as numbers', () => {
    const [, row] = cellsOf(spreadsheetCsv(['经度', '纬度'], [[-100.25, 25.6]]));
    expect(row).toEqual(['-100.25', '25.6']);
  });

  it('makes a hostile header inert as well', () => {
    const [header] = cellsOf(spreadsheetCsv(['=1+1'], [['x']]));
    expect(header).toEqual([`'=1+1`]);
  });
});
