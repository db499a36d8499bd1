/**
 * Recharts sizes its text in pixels; reading the root font size keeps chart text in step with the rest
 * of the wall, which scales with `--font-scale`.
 */
export function remInPixels(rem: number): number {
  const root = Number.parseFloat(getComputedStyle(document.documentElement).fontSize);
  return rem * (Number.isFinite(root) ? root : 16);
}

/** The size of axis and value text on every chart. */
export const CHART_TEXT_REM = 1.125;
