import type Database from 'better-sqlite3';
import type { EntityKind, EntityState } from '../../../domain';
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

  /** Every projection's tables emptied, as the entities are before a snapshot is written. */
  clear(): void {
    for (const projection of this.projections) projection.reset(this.db);
    this.openAll();
  }

  write(entity: EntityState, rowid: number): void {
    for (const { writer } of this.byKind.get(entity.kind) ?? []) writer.write(entity, rowid);
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
    for (const entry of this.open) {
      for (const kind of entry.projection.kinds) {
        let list = this.byKind.get(kind);
        if (!list) this.byKind.set(kind, (list = []));
        list.push(entry);
      }
    }
  }

  /** Builds one projection from the entities, in one transaction with its version. */
  private rebuild(projection: CacheProjection): void {
    const page = this.db.prepare(
      `SELECT rowid, * FROM entities WHERE rowid > ? AND kind IN (SELECT value FROM json_each(?))
       ORDER BY rowid LIMIT ${REBUILD_PAGE}`,
    );
    const kinds = JSON.stringify(projection.kinds);
    this.db.transaction(() => {
      projection.reset(this.db);
      const writer = projection.open(this.db, this.context);
      const written = new Set<EntityKind>();
      let after = 0;
      for (;;) {
        const rows = page.all(after, kinds) as Record<string, unknown>[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const entity = this.toEntity(row);
          writer.write(entity, Number(row.rowid));
          written.add(entity.kind);
        }
        after = Number(rows.at(-1)!.rowid);
      }
      writer.afterBatch?.(written);
      this.db
        .prepare(
          'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        )
        .run(versionKey(projection), String(projection.version));
    })();
  }
}
