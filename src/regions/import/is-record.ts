/** True for a plain JSON-like object: what a parsed file offers where an object is expected. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
