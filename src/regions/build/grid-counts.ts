/**
 * Splits `total` grids among villages in proportion to `weights`, every village getting at least
 * one, by the largest-remainder method: the result always adds up to `total` exactly (Gulang's grid
 * code directory lists 690 grids, and the bundled region must show 690).
 */
export function allocateGrids(total: number, weights: readonly number[]): number[] {
  if (total < weights.length) {
    throw new Error(`${total} grids cannot give each of ${weights.length} villages one`);
  }
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0);
  const spare = total - weights.length;
  const quotas = weights.map((weight) => (spare * weight) / weightSum);
  const counts = quotas.map((quota) => 1 + Math.floor(quota));
  const leftover = total - counts.reduce((sum, count) => sum + count, 0);
  // Ties go to the earlier village, so the split never depends on sort stability.
  const byRemainder = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder.slice(0, leftover)) counts[index]! += 1;
  return counts;
}
