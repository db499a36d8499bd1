import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, type Info } from 'csv-parse/sync';
import {
  CODE_LENGTH,
  JURISDICTION_LEVELS,
  type Jurisdiction,
  type JurisdictionLevel,
} from '../../domain/jurisdiction';
import { invisibleCharacterIn } from './invisible-characters';
import type { ProblemList } from './problems';
import { formatBytes } from './zip';

/**
 * The jurisdiction tree a centre imports (TREE.csv): UTF-8 text (a byte-order mark is fine), a header
 * row, then one row per jurisdiction above the grid, in any order:
 *
 *   code,name,level,parent_code
 *   620622,古浪县,county,
 *   620622100,古浪镇,township,620622
 *   620622100001,街西社区,village,620622100
 *
 * - `code`: the official division code: 4 digits for a prefecture, 6 for a county, 9 for a township,
 *   12 for a village.
 * - `name`: the jurisdiction's name as the centre writes it.
 * - `level`: `prefecture`, `county`, `township` or `village`. Grids are not listed here: they come from
 *   the grids file.
 * - `parent_code`: the code of the jurisdiction one level up, which `code` extends. Exactly one row, the
 *   root of the region (the level the centre sits at), leaves it empty.
 *
 * The columns may come in any order; extra or missing columns are refused.
 */
export const TREE_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;
type TreeColumn = (typeof TREE_COLUMNS)[number];

const TREE_LEVELS: readonly JurisdictionLevel[] = JURISDICTION_LEVELS.filter((level) => level !== 'grid');

export interface JurisdictionTree {
  jurisdictions: Jurisdiction[];
  /** Undefined when the file has no root or several. */
  root: Jurisdiction | undefined;
  /** The file line of each code, so that later checks can point at the row to fix. */
  lineOf: ReadonlyMap<string, number>;
  fileName: string;
}

interface TreeRow {
  line: number;
  jurisdiction: Jurisdiction;
}

interface CsvRecord {
  record: string[];
  info: Pick<Info, 'lines'>;
}

/** Returns undefined when the file cannot be read as a tree at all; row problems go to `problems`. */
export function readTreeCsv(path: string, problems: ProblemList): JurisdictionTree | undefined {
  const fileName = basename(path);
  const text = readUtf8(path, problems);
  if (text === undefined) return undefined;
  reportStrayByteOrderMarks(text, fileName, problems);

  let records: CsvRecord[];
  try {
    // With `info`, each record comes with its position in the file; csv-parse's types do not model that.
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    problems.add(`${fileName} is not valid CSV: ${(error as Error).message}`);
    return undefined;
  }
  const [headerRecord, ...dataRecords] = records;
  if (!headerRecord) {
    problems.add(`${fileName} is empty: expected the header ${TREE_COLUMNS.join(',')}`);
    return undefined;
  }
  const header = headerRecord.record.map((column) => column.toLowerCase());
  const invisible = header.map(invisibleCharacterIn).find((found) => found !== undefined);
  if (invisible) {
    problems.add(`${fileName} line 1: the header holds ${invisible}: retype it as ${TREE_COLUMNS.join(',')}`);
    return undefined;
  }
  if (!checkHeader(header, fileName, problems)) return undefined;
  if (dataRecords.length === 0) problems.add(`${fileName} has no rows below its header`);

  const rows = readRows(dataRecords, header as TreeColumn[], fileName, problems);
  checkParents(rows, fileName, problems);
  return {
    jurisdictions: [...rows.values()].map((row) => row.jurisdiction),
    root: findRoot(rows, fileName, problems),
    lineOf: new Map([...rows].map(([code, row]) => [code, row.line])),
    fileName,
  };
}

/** A tree lists a prefecture's few thousand jurisdictions in well under a megabyte. */
export const MAX_TREE_FILE_BYTES = 32 * 2 ** 20;

/**
 * A byte-order mark past the start means two files were pasted together. The CSV reader trims it from
 * the edge of a field, where it would pass unseen, so it is looked for in the text itself.
 */
function reportStrayByteOrderMarks(text: string, fileName: string, problems: ProblemList): void {
  for (const [index, line] of text.split('\n').entries()) {
    const column = line.indexOf('\uFEFF');
    if (column < 0) continue;
    const problem = `holds a byte-order mark (U+FEFF) at character ${column + 1}: were two files pasted together? Delete it`;
    problems.addAt(fileName, `line ${index + 1}`, problem, 'rows');
  }
}

function readUtf8(path: string, problems: ProblemList): string | undefined {
  let bytes: Buffer;
  try {
    const { size } = statSync(path);
    if (size > MAX_TREE_FILE_BYTES) {
      problems.add(
        `${basename(path)} is ${formatBytes(size)}, more than the ${formatBytes(MAX_TREE_FILE_BYTES)} a tree file may be`,
      );
      return undefined;
    }
    bytes = readFileSync(path);
  } catch (error) {
    problems.add(`cannot read the tree file: ${(error as Error).message}`);
    return undefined;
  }
  try {
    // The decoder drops one leading byte-order mark, as spreadsheets write; one anywhere else is refused.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    problems.add(
      `${basename(path)} is not UTF-8 text (spreadsheets in China often save GBK): save it as "CSV UTF-8"`,
    );
    return undefined;
  }
}

function checkHeader(header: readonly string[], fileName: string, problems: ProblemList): boolean {
  const missing = TREE_COLUMNS.filter((column) => !header.includes(column));
  const unexpected = header.filter(
    (column, index) =>
      !(TREE_COLUMNS as readonly string[]).includes(column) || header.indexOf(column) !== index,
  );
  const expected = `expected the header ${TREE_COLUMNS.join(',')}`;
  if (missing.length > 0) problems.add(`${fileName} lacks the column(s) ${missing.join(', ')}: ${expected}`);
  if (unexpected.length > 0) {
    problems.add(`${fileName} has unexpected or repeated column(s) ${unexpected.join(', ')}: ${expected}`);
  }
  return missing.length === 0 && unexpected.length === 0;
}

function readRows(
  records: readonly CsvRecord[],
  header: readonly TreeColumn[],
  fileName: string,
  problems: ProblemList,
): Map<string, TreeRow> {
  const rows = new Map<string, TreeRow>();
  for (const { record, info } of records) {
    const line = info.lines;
    const report = (problem: string): void => problems.addAt(fileName, `line ${line}`, problem, 'rows');
    const rowProblem = checkRowText(record, header);
    if (rowProblem) {
      report(rowProblem);
      continue;
    }
    const field = (column: TreeColumn): string => record[header.indexOf(column)] ?? '';
    const code = field('code');
    const name = field('name');
    const level = field('level').toLowerCase();
    const parentCode = field('parent_code');

    if (!isTreeLevel(level)) {
      const hint = level === 'grid' ? ': grids come from the grids file, not the tree' : '';
      report(`level "${level}" is not one of ${TREE_LEVELS.join(', ')}${hint}`);
      continue;
    }
    if (!/^\d+$/.test(code) || code.length !== CODE_LENGTH[level]) {
      const hint = /[\uFF10-\uFF19]/.test(code) ? ' (full-width digits: type 0–9)' : '';
      report(`a ${level} code has ${CODE_LENGTH[level]} digits, got "${code}"${hint}`);
      continue;
    }
    const earlier = rows.get(code);
    if (earlier) {
      report(`code ${code} is already used on line ${earlier.line}`);
      continue;
    }
    if (name === '') report(`${level} ${code} has no name`);
    rows.set(code, {
      line,
      jurisdiction: { code, name, level, parentCode: parentCode === '' ? null : parentCode },
    });
  }
  return rows;
}

/** A row's shape and characters, before its values mean anything. */
function checkRowText(record: readonly string[], header: readonly TreeColumn[]): string | undefined {
  if (record.length !== header.length) {
    return `expected ${header.length} fields (${header.join(',')}), got ${record.length}`;
  }
  for (const [index, value] of record.entries()) {
    const invisible = invisibleCharacterIn(value);
    if (invisible) return `${header[index]} "${value.replace(/\p{C}/gu, '')}" holds ${invisible}: retype it`;
  }
  return undefined;
}

function isTreeLevel(level: string): level is JurisdictionLevel {
  return (TREE_LEVELS as readonly string[]).includes(level);
}

function checkParents(rows: ReadonlyMap<string, TreeRow>, fileName: string, problems: ProblemList): void {
  for (const { line, jurisdiction } of rows.values()) {
    const { code, level, parentCode } = jurisdiction;
    if (parentCode === null) continue;
    const report = (problem: string): void => problems.addAt(fileName, `line ${line}`, problem, 'rows');
    const parent = rows.get(parentCode)?.jurisdiction;
    const expectedParentLevel = JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(level) - 1];
    if (!parent) {
      report(`parent_code ${parentCode} of ${code} is not in the tree`);
    } else if (!code.startsWith(parentCode)) {
      report(`code ${code} does not extend its parent's code ${parentCode}`);
    } else if (parent.level !== expectedParentLevel) {
      report(`the parent of ${level} ${code} must be a ${expectedParentLevel}, not a ${parent.level}`);
    }
  }
}

function findRoot(
  rows: ReadonlyMap<string, TreeRow>,
  fileName: string,
  problems: ProblemList,
): Jurisdiction | undefined {
  const roots = [...rows.values()].filter((row) => row.jurisdiction.parentCode === null);
  const [root, ...others] = roots;
  if (!root) {
    if (rows.size > 0)
      problems.add(`${fileName} has no root: exactly one row must have an empty parent_code`);
    return undefined;
  }
  if (others.length > 0) {
    const lines = roots.map((row) => row.line).join(', ');
    problems.add(`${fileName} has more than one root: lines ${lines} all have an empty parent_code`);
    return undefined;
  }
  return root.jurisdiction;
}
