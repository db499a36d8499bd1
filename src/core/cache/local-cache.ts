import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  checksumLines,
  entityLocation,
  eventSubject,
  projectEvent,
  type EntityKind,
  type EntityState,
  type HubEvent,
} from '../../domain';
import { gm, personalDataCodec, type GmPrimitives, type PersonalDataCodec } from '../../gm';
import { loadCacheKey } from './cache-key';
import { CACHE_MIGRATIONS } from './migrations';
import { RecentEntities } from './recent-entities';
import { CACHE_PROJECTIONS, type CacheProjection } from './projections';
import { ProjectionSet } from './projections/projection-set';

type Row = Record<string, unknown>;

/** What the hub sends: the events of the subscriber's scope with `after` < seq ≤ `through`. */
export interface EventBatch {
  after: number;
  through: number;
  events: HubEvent[];
}

export type ApplyResult =
  | { kind: 'applied'; cursor: number; applied: number; changedKinds: EntityKind[]; changedIds: ChangedIds }
  | { kind: 'duplicate'; cursor: number }
  /** The batch starts after a stretch this cache never received: fetch `after`…`before` first. */
  | { kind: 'gap'; cursor: number; missingAfter: number; missingThrough: number };

/** The ids each batch changed, by kind, so a map can update just those features. */
export type ChangedIds = Partial<Record<EntityKind, string[]>>;

export interface StoredEntity extends EntityState {
  rowid?: number;
}

function toEntity(row: Row, personal: PersonalDataCodec): EntityState {
  return {
    kind: row.kind as EntityKind,
    id: String(row.id),
    jurisdiction: String(row.jurisdiction),
    version: Number(row.version),
    doc: personal.openDoc(String(row.kind), JSON.parse(String(row.doc))),
  };
}

/** Where the cache notes which key sealed it: a keyed digest that tells keys apart, not the key. */
const KEY_FINGERPRINT = 'personal-data-key';

/**
 * Entities whose latest state the cache keeps in memory between batches: more than a prefecture's forces, and
 * the cameras whose status changes in a busy hour, at a few megabytes.
 */
const RECENT_ENTITIES = 20_000;

function keyFingerprint(key: Uint8Array, primitives: GmPrimitives): string {
  return primitives.hmacSm3(key, Buffer.from('pingan-cache-key', 'utf8')).subarray(0, 8).toString('hex');
}

/**
 * A cache sealed with another key (its key file lost or replaced), or written before personal data was
 * sealed, is emptied of what the hub sent: it fills again from the hub, sealed with this key. Of the outbox
 * it loses only the commands it can no longer open (a key person registered while the old key was in use).
 */
function startOverUnlessSealedWith(db: Database.Database, fingerprint: string): void {
  const sealedWith = db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck().get(KEY_FINGERPRINT);
  if (sealedWith === fingerprint) return;
  db.transaction(() => {
    db.exec(`DELETE FROM events; DELETE FROM entity_locations; DELETE FROM entities;
      DELETE FROM sync_state WHERE key = 'cursor' OR key LIKE 'projection:%';
      DELETE FROM outbox WHERE command LIKE '%"sm4:%'`);
    db.prepare(
      'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY_FINGERPRINT, fingerprint);
  })();
}

export interface LocalCacheOptions {
  /** Where the SM4 and SM3 come from; by default OpenSSL's where it has them (not in Electron), else pure JS. */
  primitives?: GmPrimitives;
  /** The derived tables kept beside the entities; all of the product's by default. */
  projections?: readonly CacheProjection[];
}

export function migrateCache(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > CACHE_MIGRATIONS.length) {
    throw new Error(
      `this cache was written by a newer Pingan Command (schema ${current}, this one knows ${CACHE_MIGRATIONS.length}); update the app`,
    );
  }
  for (let version = current; version < CACHE_MIGRATIONS.length; version += 1) {
    db.transaction(() => {
      db.exec(CACHE_MIGRATIONS[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * The desktop's local copy of its scope: every event received, and the current state they add up to.
 * Events are applied in `seq` order inside one transaction per batch together with the cursor, so a crash
 * at any point leaves either the whole batch or none of it, and a batch received twice changes nothing.
 */
export class LocalCache {
  readonly db: Database.Database;
  /** Seals key persons' ID numbers and phones and reporters' phones as they are written, opens them as read. */
  readonly personal: PersonalDataCodec;
  private readonly statements;
  private readonly projections: ProjectionSet;
  private readonly recent = new RecentEntities(RECENT_ENTITIES);

  constructor(file: string, { primitives = gm, projections = CACHE_PROJECTIONS }: LocalCacheOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const key = loadCacheKey(file);
    this.personal = personalDataCodec(key, primitives);
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    migrateCache(this.db);
    startOverUnlessSealedWith(this.db, keyFingerprint(key, primitives));
    const db = this.db;
    this.statements = {
      getState: db.prepare('SELECT value FROM sync_state WHERE key = ?').pluck(),
      putState: db.prepare(
        'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      insertEvent: db.prepare(
        'INSERT OR IGNORE INTO events (seq, id, type, jurisdiction, at, subject, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      getEntity: db.prepare('SELECT rowid, * FROM entities WHERE kind = ? AND id = ?'),
      upsertEntity: db.prepare(
        `INSERT INTO entities (kind, id, jurisdiction, version, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (kind, id) DO UPDATE SET jurisdiction = excluded.jurisdiction, version = excluded.version, doc = excluded.doc
         RETURNING rowid`,
      ),
      deleteLocation: db.prepare('DELETE FROM entity_locations WHERE entity_rowid = ?'),
      insertLocation: db.prepare(
        'INSERT OR REPLACE INTO entity_locations (entity_rowid, min_lng, max_lng, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)',
      ),
      allEntities: db.prepare('SELECT kind, id, version, doc FROM entities'),
      clearEntities: db.prepare('DELETE FROM entities'),
      clearLocations: db.prepare('DELETE FROM entity_locations'),
      countEntities: db.prepare('SELECT kind, COUNT(*) AS n FROM entities GROUP BY kind'),
      countEvents: db.prepare('SELECT COUNT(*) FROM events').pluck(),
    };
    this.projections = new ProjectionSet(db, projections, (row) => toEntity(row, this.personal), {
      personal: this.personal,
    });
  }

  get cursor(): number {
    return Number(this.statements.getState.get('cursor') ?? 0);
  }

  getSetting(key: string): string | undefined {
    return this.statements.getState.get(key) as string | undefined;
  }

  putSetting(key: string, value: string): void {
    this.statements.putState.run(key, value);
  }

  getEntity(kind: EntityKind, id: string): EntityState | undefined {
    const row = this.statements.getEntity.get(kind, id) as Row | undefined;
    return row ? toEntity(row, this.personal) : undefined;
  }

  private writeEntity(entity: EntityState): void {
    const { rowid } = this.statements.upsertEntity.get(
      entity.kind,
      entity.id,
      entity.jurisdiction,
      entity.version,
      JSON.stringify(this.personal.sealDoc(entity.kind, entity.doc)),
    ) as { rowid: number };
    const location = entityLocation(entity.kind, entity.doc);
    if (location) {
      this.statements.insertLocation.run(rowid, location[0], location[0], location[1], location[1]);
    } else {
      this.statements.deleteLocation.run(rowid);
    }
    this.projections.write(entity, rowid);
  }

  /** Applies one batch from the hub. Idempotent: a batch, or part of one, already applied changes nothing. */
  apply(batch: EventBatch): ApplyResult {
    const written = new Map<string, EntityState>();
    try {
      const result = this.applyInTransaction(batch, written);
      this.recent.remember(written.values());
      return result;
    } catch (error) {
      this.recent.forget();
      throw error;
    }
  }

  private applyInTransaction(batch: EventBatch, changed: Map<string, EntityState>): ApplyResult {
    return this.db.transaction((): ApplyResult => {
      const cursor = this.cursor;
      if (batch.through <= cursor) return { kind: 'duplicate', cursor };
      if (batch.after > cursor) {
        return { kind: 'gap', cursor, missingAfter: cursor, missingThrough: batch.after };
      }
      // The batch's changes are gathered first and each entity written once, in its final state: a
      // busy stream moves the same force or camera many times within one batch.
      const lookup = (kind: EntityKind, id: string) =>
        changed.get(`${kind}/${id}`) ?? this.recent.get(kind, id) ?? this.getEntity(kind, id);
      let applied = 0;
      for (const event of batch.events) {
        if (event.seq <= cursor) continue;
        this.statements.insertEvent.run(
          event.seq,
          event.id,
          event.type,
          event.jurisdiction,
          event.at,
          eventSubject(event),
          JSON.stringify(this.personal.sealPayload(event.type, event.payload)),
        );
        this.projections.event(event);
        for (const change of projectEvent(event, lookup)) changed.set(`${change.kind}/${change.id}`, change);
        applied += 1;
      }
      for (const entity of changed.values()) this.writeEntity(entity);
      this.projections.afterBatch(new Set([...changed.values()].map((entity) => entity.kind)));
      this.statements.putState.run('cursor', String(batch.through));
      const changedIds: ChangedIds = {};
      for (const entity of changed.values()) (changedIds[entity.kind] ??= []).push(entity.id);
      return {
        kind: 'applied',
        cursor: batch.through,
        applied,
        changedKinds: Object.keys(changedIds) as EntityKind[],
        changedIds,
      };
    })();
  }

  /** Replaces the state with a snapshot from the hub (when the hub no longer holds the events we missed). */
  applySnapshot(seq: number, entities: readonly EntityState[]): void {
    this.recent.forget();
    this.db.transaction(() => {
      this.statements.clearLocations.run();
      this.statements.clearEntities.run();
      this.projections.clear();
      for (const entity of entities) this.writeEntity(entity);
      this.projections.afterBatch(new Set(entities.map((entity) => entity.kind)));
      this.statements.putState.run('cursor', String(seq));
    })();
  }

  /** SHA-256 over every entity's canonical form: equal to the hub's for the same scope and seq. */
  checksum(): string {
    const hash = createHash('sha256');
    const entities = (this.statements.allEntities.all() as Row[]).map((row) => ({
      kind: String(row.kind),
      id: String(row.id),
      version: Number(row.version),
      doc: this.personal.openDoc(String(row.kind), JSON.parse(String(row.doc))),
    }));
    for (const line of checksumLines(entities)) hash.update(`${line}\n`);
    return hash.digest('hex');
  }

  counts(): { events: number; entities: Record<string, number> } {
    const entities: Record<string, number> = {};
    for (const row of this.statements.countEntities.all() as Row[])
      entities[String(row.kind)] = Number(row.n);
    return { events: Number(this.statements.countEvents.get()), entities };
  }

  close(): void {
    this.db.close();
  }
}
