/**
 * GIS tools and survey contractors name a grid's attributes differently. The first of these a feature
 * has, compared case-insensitively, is used: `wgbm` and `wgmc` are the pinyin initials of 网格编码 (grid
 * code) and 网格名称 (grid name). The grid-specific names come first because a feature may also carry its
 * village's code or name under the plain `code` or `name`.
 */
export const GRID_CODE_PROPERTIES = ['grid_code', 'wgbm', 'code'] as const;
export const GRID_NAME_PROPERTIES = ['grid_name', 'wgmc', 'name'] as const;

/**
 * Returns the attribute as trimmed text, or undefined when absent or blank. Shapefile attribute tables
 * often store codes as numbers; 15 digits are still exact in a double.
 */
export function gridAttribute(
  properties: Readonly<Record<string, unknown>>,
  candidates: readonly string[],
): string | undefined {
  const byLowerCaseKey = new Map(
    Object.entries(properties).map(([key, value]) => [key.toLowerCase(), value]),
  );
  for (const candidate of candidates) {
    const text = attributeText(byLowerCaseKey.get(candidate));
    if (text !== undefined) return text;
  }
  return undefined;
}

function attributeText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
