/**
 * Rows per INSERT or ids per IN list: well under SQLite's 32,766 parameters a statement at the widest row
 * (seven columns), and few distinct statement shapes to prepare.
 */
const BATCH = 1000;

/** `items` in consecutive slices of at most one statement's worth. */
export function inBatches<T>(items: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += BATCH) batches.push(items.slice(start, start + BATCH));
  return batches;
}
