import type Database from 'better-sqlite3';
import type { EntityKind, EntityState, HubEvent } from '../../../domain';
import type { PersonalDataCodec } from '../../../gm';

/** What a projection may use besides the database: the cache's personal-data codec, for keyed digests. */
export interface ProjectionContext {
  personal: PersonalDataCodec;
}

/**
 * A table the cache keeps beside its entities so a question costs what it reads, not what the cache holds:
 * figures by jurisdiction, the queue's indexed columns, the map's clusters. It is derived data, written in the
 * same transaction as the entities or events it follows, so it is never out of step with them; and it can
 * always be built again from them, which is what happens when its `version` changes (no migration needed).
 */
export interface CacheProjection {
  /** Names it in `sync_state` (`projection:<name>`); unique. */
  readonly name: string;
  /** Raised whenever its tables, or what they hold, change: the tables are then built again from the entities. */
  readonly version: number;
  /** The entity kinds it follows; only their writes reach it. */
  readonly kinds: readonly EntityKind[];
  /**
   * The event types it follows, in the order the log holds them: a projection of what happened rather than of
   * what now stands (a first resolution, each follow-up call). Built again from the cache's own log.
   */
  readonly eventTypes?: readonly string[];
  /** Drops its tables if they exist and creates them empty. */
  reset(db: Database.Database): void;
  /** Prepares what it writes with, on tables that exist. */
  open(db: Database.Database, context: ProjectionContext): ProjectionWriter;
}

export interface ProjectionWriter {
  /** In the transaction that writes it: `entity` as it now stands (personal data opened); `rowid` is its row. */
  write?(entity: EntityState, rowid: number): void;
  /** In the transaction that records it, in log order: one of `eventTypes` (personal data opened). */
  event?(event: HubEvent): void;
  /**
   * After a batch's entities are all written, with the kinds it wrote: a change of rules (a mode, an SLA
   * table) can move what was derived from other entities.
   */
  afterBatch?(writtenKinds: ReadonlySet<EntityKind>): void;
}
