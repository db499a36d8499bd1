import type Database from 'better-sqlite3';
import type { EntityKind, EntityState, HubEvent } from '../../../domain';
import type { CacheProjection, ProjectionContext, ProjectionWriter } from './projection';

const versionKey = (projection: CacheProjection) => `projection:${projection.name}`;

interface Open {
  projection: CacheProjection;
  writer: ProjectionWriter;
}

/** Rows read per step while a projection is built again: bounded memory at any cache size. */
const REBUILD_PAGE = 5_000;

/**
 * The cache's projections, kept in step with its entities: each write reaches the projections that follow
 * its kind, and a projection whose version changed (or that never existed) is built again from the entities
 * when the cache opens.
 */
export class ProjectionSet {
  private open: Open[] = [];
  private readonly byKind = new Map<EntityKind, Open[]>();
  private readonly byEventType = new Map<string, Open[]>();

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly CacheProjection[],
    private readonly toEntity: (row: Record<string, unknown>) => EntityState,
    private readonly context: ProjectionContext,
  ) {
    const getVersion = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck();
    for (const projection of projections) {
      if (getVersion.get(versionKey(projection)) !== String(projection.version)) this.rebuild(projection);
    }
    this.openAll();
  }

  /**
   * Before a snapshot is written: what follows entities is emptied, as the entities are; what follows the log
   * is built again from the log the cache keeps.
   */
  clear(): void {
    for (const projection of this.projections) {
      if (projection.eventTypes) this.rebuild(projection);
      else projection.reset(this.db);
    }
    this.openAll();
  }

  write(entity: EntityState, rowid: number): void {
    for (const { writer } of this.byKind.get(entity.kind) ?? []) writer.write?.(entity, rowid);
  }

  event(event: HubEvent): void {
    for (const { writer } of this.byEventType.get(event.type) ?? []) writer.event?.(event);
  }

  afterBatch(writtenKinds: ReadonlySet<EntityKind>): void {
    for (const { projection, writer } of this.open) {
      if (projection.kinds.some((kind) => writtenKinds.has(kind))) writer.afterBatch?.(writtenKinds);
    }
  }

  private openAll(): void {
    this.open = this.projections.map((projection) => ({
      projection,
      writer: projection.open(this.db, this.context),
    }));
    this.byKind.clear();
    this.byEventType.clear();
    const add = <K>(map: Map<K, Open[]>, key: K, entry: Open) => {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(entry);
    };
    for (const entry of this.open) {
      for (const kind of entry.projection.kinds) add(this.byKind, kind, entry);
      for (const type of entry.projection.eventTypes ?? []) add(this.byEventType, type, entry);
    }
  }

  /** Builds one projection from the entities and the log, in one transaction with its version. */
  private rebuild(projection: CacheProjection): void {
    this.db.transaction(() => {
      projection.reset(this.db);
      const writer = projection.open(this.db, this.context);
      const written = this.replayEntities(projection, writer);
      this.replayEvents(projection, writer);
      writer.afterBatch?.(written);
      this.db
        .prepare(
          'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(versionKey(projection), String(projection.version));
    })();
  }

  private replayEntities(projection: CacheProjection, writer: ProjectionWriter): Set<EntityKind> {
    const written = new Set<EntityKind>();
    if (projection.kinds.length === 0) return written;
    const page = this.db.prepare(
      `SELECT rowid, * FROM entities WHERE rowid > ? AND kind IN (SELECT value FROM json_each(?))
       ORDER BY rowid LIMIT ${REBUILD_PAGE}`,
    );
    const kinds = JSON.stringify(projection.kinds);
    for (let after = 0; ;) {
      const rows = page.all(after, kinds) as Record<string, unknown>[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const entity = this.toEntity(row);
        writer.write?.(entity, Number(row.rowid));
        written.add(entity.kind);
      }
      after = Number(rows.at(-1)!.rowid);
    }
    return written;
  }

  private replayEvents(projection: CacheProjection, writer: ProjectionWriter): void {
    if (!projection.eventTypes) return;
    const page = this.db.prepare(
      `SELECT seq, id, type, jurisdiction, at, payload FROM events
       WHERE seq > ? AND type IN (SELECT value FROM json_each(?)) ORDER BY seq LIMIT ${REBUILD_PAGE}`,
    );
    const types = JSON.stringify(projection.eventTypes);
    for (let after = 0; ;) {
      const rows = page.all(after, types) as { seq: number; type: string; payload: string }[];
      if (rows.length === 0) break;
      for (const row of rows) {
        const payload = this.context.personal.openPayload(row.type, JSON.parse(row.payload));
        writer.event?.({ ...row, payload } as HubEvent);
      }
      after = rows.at(-1)!.seq;
    }
  }
}
