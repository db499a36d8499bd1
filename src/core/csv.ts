import { stringify } from 'csv-stringify/sync';

/** UTF-8's byte-order mark: without it spreadsheet programs read the Chinese as mojibake. */
const BOM = '\uFEFF';

/** What a spreadsheet program takes for the start of a formula (OWASP's list for CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell as text a spreadsheet shows and never runs: a report's title typed as `=HYPERLINK(…)` or `@SUM(…)`
 * gets a leading apostrophe, which the spreadsheet hides. Numbers are written as they are.
 */
export function inertCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * CSV as spreadsheet programs on the centres' PCs open it: a BOM, a header row and Windows line ends, every
 * cell inert. Every CSV the desktop exports is written here.
 */
export function spreadsheetCsv(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  return (
    BOM +
    stringify(
      rows.map((row) => row.map(inertCell)),
      {
        header: true,
        columns: headers.map((header) => String(inertCell(header))),
        record_delimiter: 'windows',
      },
    )
  );
}
