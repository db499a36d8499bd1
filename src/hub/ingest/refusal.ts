/** A refused ingest request: nothing of it was stored. `problems` name each offending item. */
export class IngestError extends Error {
  constructor(
    readonly status: number,
    readonly code:
      'invalid-body' | 'out-of-scope' | 'unknown-reference' | 'duplicate-in-batch' | 'replayed' | 'refused',
    readonly problems: string[],
    /** The one line the answer leads with: the first problem unless said otherwise. */
    summary: string = problems[0] ?? code,
  ) {
    super(summary);
  }
}

/** What one item of a batch got wrong, or null. */
export type ItemProblem = string | null;

/** Refuses the batch if any item has a problem, naming the first 50. */
export function throwIfAny(
  status: number,
  code: IngestError['code'],
  problems: readonly ItemProblem[],
): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new IngestError(status, code, found.slice(0, 50));
}

/** An id sent twice in one batch would be stored once and answered twice: the batch is refused instead. */
export function refuseDuplicates(label: string, ids: readonly string[]): void {
  const seen = new Set<string>();
  throwIfAny(
    422,
    'duplicate-in-batch',
    ids.map((id, index) => {
      if (seen.has(id)) return `${label}[${index}].id: ${id} appears twice in this batch`;
      seen.add(id);
      return null;
    }),
  );
}
