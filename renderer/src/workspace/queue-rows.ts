import type { QueueRow } from '../../../src/core/contract/queue';

/**
 * The rows fetched so far, by position. Only the list subscribes to it, so a block arriving while scrolling
 * re-renders the rows and not the filters and counts above them.
 */
export class QueueRows {
  private readonly rows = new Map<number, QueueRow>();
  private readonly listeners = new Set<() => void>();
  private revision = 0;
  private total = 0;

  readonly get = (index: number): QueueRow | undefined => this.rows.get(index);
  readonly getRevision = (): number => this.revision;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  put(offset: number, rows: QueueRow[], total: number): void {
    // Rows past a new, shorter end belong to nothing now.
    if (total < this.total) for (const index of this.rows.keys()) if (index >= total) this.rows.delete(index);
    this.total = total;
    rows.forEach((row, i) => this.rows.set(offset + i, row));
    this.changed();
  }

  clear(): void {
    this.rows.clear();
    this.total = 0;
    this.changed();
  }

  private changed(): void {
    this.revision += 1;
    for (const listener of this.listeners) listener();
  }
}

/** The blocks of `size` rows that hold the rows from `first` to `last`, both included. */
export function blocksCovering(first: number, last: number, size: number): number[] {
  const blocks: number[] = [];
  for (let block = Math.floor(first / size); block <= Math.floor(last / size); block += 1) blocks.push(block);
  return blocks;
}
