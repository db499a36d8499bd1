export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Relative growth across a series of samples, from a least-squares line rather than its two ends: memory
 * rises and falls with every garbage collection, and one unlucky sample at either end would decide it.
 */
export function fittedGrowth(samples: readonly { t: number; value: number }[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const meanT = samples.reduce((sum, s) => sum + s.t, 0) / n;
  const meanValue = samples.reduce((sum, s) => sum + s.value, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const s of samples) {
    covariance += (s.t - meanT) * (s.value - meanValue);
    variance += (s.t - meanT) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  const first = samples[0]!.t;
  const last = samples[n - 1]!.t;
  const atFirst = meanValue + slope * (first - meanT);
  return (slope * (last - first)) / atFirst;
}
