import type { EntityKind } from './projection';

/** Where an entity sits on the map, if anywhere: incidents and monitoring points by location, forces by last fix. */
export function entityLocation(kind: EntityKind | string, doc: unknown): [number, number] | null {
  const record = doc as { location?: [number, number]; position?: { lng: number; lat: number } | null };
  if ((kind === 'incident' || kind === 'monitoring-point') && Array.isArray(record.location))
    return record.location;
  if (kind === 'force' && record.position) return [record.position.lng, record.position.lat];
  return null;
}

/** JSON with keys sorted at every depth, so two stores that hold equal state serialise it identically. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The lines a state checksum is computed over: one per entity, in (kind, id) order. The hub and the
 * desktop cache hash the same lines, so equal checksums prove equal state.
 */
export function checksumLines(
  entities: Iterable<{ kind: string; id: string; version: number; doc: unknown }>,
): string[] {
  return [...entities]
    .map((e) => ({
      key: `${e.kind}\u0000${e.id}`,
      line: `${e.kind}/${e.id}@${e.version} ${canonicalJson(e.doc)}`,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((e) => e.line);
}
