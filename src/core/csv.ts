import { stringify } from 'csv-stringify/sync';

/** UTF-8's byte-order mark: without it spreadsheet programs read the Chinese as mojibake. */
const BOM = '\uFEFF';

/** CSV as spreadsheet programs on the centres' PCs open it: a BOM, a header row and Windows line ends. */
export function spreadsheetCsv(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return (
    BOM +
    stringify(rows as (string | number)[][], {
      header: true,
      columns: [...headers],
      record_delimiter: 'windows',
    })
  );
}
