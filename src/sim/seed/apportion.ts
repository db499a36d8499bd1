/**
 * Splits a whole number into whole shares proportional to `weights` (largest remainders), so published
 * totals come out exact however they are spread. Ties go to the earlier share, which keeps it deterministic.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / sum);
  const shares = quotas.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}
