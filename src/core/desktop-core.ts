import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import { DEFAULT_SLA, countByLevel, modeInForce, type Jurisdiction, type JurisdictionLevel } from '../domain';
import { readBoundaries, readJurisdictions, readManifest, type BoundaryCollection } from '../regions/store';
import { computeFigures } from './cache/figures';
import { LocalCache } from './cache/local-cache';
import { CacheQueries } from './cache/queries';
import type {
  DesktopApiContract,
  DesktopApiMethod,
  DesktopApiOutput,
  DesktopEventName,
  DesktopEventPayload,
  RegionOverview,
  SessionStatus,
} from './contract/api';
import { HubSession, type SignedInAccount } from './sync/hub-session';
import { HubSync } from './sync/hub-sync';
import { Outbox } from './sync/outbox';

export type DesktopHandlers = {
  [M in DesktopApiMethod]: (input: z.output<DesktopApiContract[M]['input']>) => Promise<DesktopApiOutput<M>>;
};

export interface DesktopCoreOptions {
  cacheFile: string;
  regionId: string;
  regionsDir?: string;
  /** Without a hub the core serves the cache alone, as it does offline. */
  hub?: { url: string; name: string; password: string };
}

const OPERATOR_SETTING = 'operator';

function regionOverview(regionId: string, regionsDir?: string): RegionOverview {
  const manifest = readManifest(regionId, regionsDir);
  const jurisdictions = readJurisdictions(regionId, regionsDir);
  const counties = jurisdictions
    .filter((j) => j.level === 'county')
    .map((county: Jurisdiction) => ({
      code: county.code,
      name: county.name,
      counts: countByLevel(jurisdictions.filter((j) => j.code.startsWith(county.code))),
    }));
  return { manifest, counts: countByLevel(jurisdictions), counties };
}

/**
 * The desktop core: the local cache, its sync with the hub and the outbox of operator commands, behind
 * the one API contract. It runs off the window's thread (a worker) in both shells, and it opens from the
 * cache alone, so the last known state is on screen before the hub answers — or when it never does.
 */
export class DesktopCore {
  readonly cache: LocalCache;
  readonly queries: CacheQueries;
  readonly outbox: Outbox;
  private readonly emitter = new EventEmitter();
  private readonly sync: HubSync | undefined;
  private readonly session: HubSession | undefined;
  private readonly overview: RegionOverview;
  readonly handlers: DesktopHandlers;

  constructor(private readonly options: DesktopCoreOptions) {
    this.cache = new LocalCache(options.cacheFile);
    this.queries = new CacheQueries(this.cache.db);
    this.outbox = new Outbox(this.cache.db);
    this.overview = regionOverview(options.regionId, options.regionsDir);
    if (options.hub) {
      this.session = new HubSession(options.hub.url, {
        name: options.hub.name,
        password: options.hub.password,
      });
      this.sync = new HubSync(this.session, this.cache, this.outbox, {
        onStatus: () => this.emit('status', this.status()),
        onApplied: (change) => this.emit('changed', change),
        onCommandSettled: (entry) => {
          this.emit('command-settled', entry);
          this.emit('status', this.status());
        },
      });
    }
    this.handlers = this.createHandlers();
  }

  start(): void {
    this.sync?.start();
  }

  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private emit<E extends DesktopEventName>(event: E, payload: DesktopEventPayload<E>): void {
    this.emitter.emit(event, payload);
  }

  /** Who is signed in; remembered in the cache so an offline start still knows its operator and scope. */
  private operator(): SessionStatus['operator'] {
    const account: SignedInAccount | undefined = this.session?.account;
    if (account) {
      const operator = {
        name: account.name,
        role: account.role,
        jurisdiction: account.jurisdiction,
        jurisdictionName: account.jurisdictionName ?? null,
      };
      if (this.cache.getSetting(OPERATOR_SETTING) !== JSON.stringify(operator)) {
        this.cache.putSetting(OPERATOR_SETTING, JSON.stringify(operator));
      }
      return operator;
    }
    const saved = this.cache.getSetting(OPERATOR_SETTING);
    return saved ? (JSON.parse(saved) as SessionStatus['operator']) : null;
  }

  status(): SessionStatus {
    const sync = this.sync?.current;
    const cursor = this.cache.cursor;
    const operator = this.operator();
    const hubHead = sync?.hubHead ?? null;
    return {
      connection: sync?.connection ?? 'offline',
      cursor,
      hubHead,
      lag: hubHead === null ? 0 : Math.max(0, hubHead - cursor),
      catchUp: sync?.catchUp ?? null,
      lastError: sync?.lastError ?? null,
      outboxPending: this.outbox.pendingCount(),
      operator,
      mode: modeInForce(this.queries.modes(), operator?.jurisdiction ?? this.overview.manifest.rootCode),
    };
  }

  /** A narrower scope the screen asked for, never wider than the operator's own jurisdiction. */
  private scoped(requested: string | undefined): string {
    const own = this.operator()?.jurisdiction ?? this.overview.manifest.rootCode;
    if (!requested || !requested.startsWith(own)) return own;
    return requested;
  }

  private readonly boundaryCache = new Map<JurisdictionLevel, BoundaryCollection>();
  private boundaries(level: JurisdictionLevel): BoundaryCollection {
    let collection = this.boundaryCache.get(level);
    if (!collection) {
      collection = readBoundaries(this.options.regionId, level, this.options.regionsDir) ?? {
        type: 'FeatureCollection',
        features: [],
      };
      this.boundaryCache.set(level, collection);
    }
    return collection;
  }

  private createHandlers(): DesktopHandlers {
    return {
      'session.status': async () => this.status(),
      'region.overview': async () => this.overview,
      'counts.get': async () => this.queries.counts(),
      'incidents.list': async (input) => this.queries.incidents(input),
      'incident.get': async ({ id }) => this.queries.incidentDetail(id),
      'entities.inView': async ({ kind, bbox, limit }) => {
        const items = this.queries.inBox(kind, bbox, limit + 1);
        return { items: items.slice(0, limit), truncated: items.length > limit };
      },
      'entities.nearest': async ({ kind, location, limit }) => ({
        items: this.queries.nearest(kind, location, limit),
      }),
      'map.features': async ({ kind, ids, scope }) => this.queries.mapFeatures(kind, this.scoped(scope), ids),
      'region.boundaries': async ({ level, scope }) => {
        const within = this.scoped(scope);
        const collection = this.boundaries(level);
        return {
          type: 'FeatureCollection',
          features: collection.features.filter((f) => f.properties.code.startsWith(within)),
        };
      },
      'commands.submit': async ({ command }) => {
        const entry = this.outbox.enqueue(command);
        this.emit('status', this.status());
        this.sync?.kickOutbox();
        return entry;
      },
      'figures.get': async ({ scope }) =>
        computeFigures(this.cache.db, {
          scope: this.scoped(scope),
          now: new Date(),
          sla: DEFAULT_SLA,
          modes: this.queries.modes(),
          townships: this.boundaries('township').features.map((feature) => feature.properties),
        }),
      'outbox.list': async ({ limit }) => this.outbox.recent(limit),
    };
  }

  close(): void {
    this.sync?.stop();
    this.cache.close();
  }
}
