import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import {
  briefingPlaces,
  addChinaDays,
  briefingLogStart,
  chinaDayStart,
  buildBriefing,
  startOfChinaDay,
  countByLevel,
  deadlineFor,
  isWithin,
  modeInForce,
  slaInForce,
  slaSourceFor,
  DEFAULT_SLA,
  type HubEvent,
  type Jurisdiction,
  type JurisdictionLevel,
  type MemberUnit,
  type SlaConfig,
} from '../domain';
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
import { AlertWatch, OVERDUE_SWEEP_MS } from './alerts';
import { exportQueue } from './queue/queue-export';
import { IncidentQueue, type QueueRules } from './queue/incident-queue';
import { Collaboration } from './sync/collaboration';
import { HubSession, type SignedInAccount } from './sync/hub-session';
import { HubSync } from './sync/hub-sync';
import { Outbox } from './sync/outbox';
import { buildWarRoom } from './war-room';

/** Grids are numbered, not named: names come from the levels above them. */
const NAMED_LEVELS: readonly JurisdictionLevel[] = ['prefecture', 'county', 'township', 'village'];

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

/** The account that caused an event, if an operator did; field reports and the field systems have none. */
function actorOf(event: Pick<HubEvent, 'type' | 'payload'>): string | null {
  const payload = event.payload as {
    by?: unknown;
    state?: { switchedBy?: unknown };
    note?: { by?: unknown };
  };
  const by = payload.by ?? payload.state?.switchedBy ?? payload.note?.by;
  return typeof by === 'string' ? by : null;
}

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
  private readonly queue: IncidentQueue;
  private readonly collaboration: Collaboration;
  private readonly alerts: AlertWatch;
  private sweepTimer: NodeJS.Timeout | undefined;
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
    this.queue = new IncidentQueue((ids) => this.queries.incidentDocs(ids));
    this.collaboration = new Collaboration(this.cache, (presence) => this.emit('presence', presence));
    this.alerts = new AlertWatch(
      this.queue,
      () => this.queueRules(),
      (alert) => this.emit('alert', alert),
    );
    if (options.hub) {
      this.session = new HubSession(options.hub.url, {
        name: options.hub.name,
        password: options.hub.password,
      });
      this.sync = new HubSync(this.session, this.cache, this.outbox, {
        onStatus: () => this.emit('status', this.status()),
        onApplied: (change) => {
          if (change.ids === null) {
            this.queue.refresh(null);
            this.alerts.reset();
          } else if (change.ids.incident?.length) {
            this.queue.refresh(change.ids.incident);
            this.alerts.changed(change.ids.incident);
          }
          this.emit('changed', change);
          // A mode switch changes the whole screen's layout: say so now, not with the next status tick.
          if (change.kinds.includes('mode')) this.emit('status', this.status());
        },
        onOnline: (socket) => this.collaboration.online(socket),
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
    this.sweepTimer = setInterval(() => this.alerts.sweep(), OVERDUE_SWEEP_MS);
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
    const modes = this.queries.modes();
    const jurisdiction = operator?.jurisdiction ?? this.overview.manifest.rootCode;
    return {
      connection: sync?.connection ?? 'offline',
      cursor,
      hubHead,
      lag: hubHead === null ? 0 : Math.max(0, hubHead - cursor),
      catchUp: sync?.catchUp ?? null,
      lastError: sync?.lastError ?? null,
      outboxPending: this.outbox.pendingCount(),
      operator,
      mode: modeInForce(modes, jurisdiction),
      wartime:
        modes
          .filter((state) => state.mode === 'wartime' && isWithin(jurisdiction, state.jurisdictionCode))
          .sort((a, b) => a.jurisdictionCode.length - b.jurisdictionCode.length)[0] ?? null,
    };
  }

  /** A narrower scope the screen asked for, never wider than the operator's own jurisdiction. */
  private scoped(requested: string | undefined): string {
    const own = this.operator()?.jurisdiction ?? this.overview.manifest.rootCode;
    if (!requested || !requested.startsWith(own)) return own;
    return requested;
  }

  /** The rules deadlines are computed by, as the cache knows them now. */
  private queueRules(): QueueRules {
    return { now: Date.now(), modes: this.queries.modes(), slaConfigs: this.queries.slaConfigs() };
  }

  private slaFor(code: string): SlaConfig {
    return slaInForce(this.queries.slaConfigs(), code);
  }

  private memberUnits(): Map<string, MemberUnit> {
    return new Map(this.queries.memberUnits().map((unit) => [unit.id, unit]));
  }

  private incidentDetail(id: string) {
    const detail = this.queries.incidentDetail(id);
    if (!detail) return null;
    const units = this.memberUnits();
    const { incident } = detail;
    const mode = modeInForce(this.queries.modes(), incident.jurisdictionCode);
    return {
      ...detail,
      timeline: detail.timeline.map((entry) => {
        const by = actorOf(entry as Pick<HubEvent, 'type' | 'payload'>);
        return { ...entry, actor: by === null ? null : this.collaboration.nameOf(by) };
      }),
      unitNames: Object.fromEntries(
        incident.assignedUnitIds.map((unitId) => [unitId, units.get(unitId)?.name ?? unitId]),
      ),
      deadline: deadlineFor(incident, incident.stage, mode, this.slaFor(incident.jurisdictionCode)),
      mode,
    };
  }

  /** Names of jurisdictions by code, from the region's boundaries; a code without one is left out. */
  private placeNames(codes: readonly string[]): Record<string, string> {
    const wanted = new Set(codes);
    const names: Record<string, string> = {};
    for (const level of NAMED_LEVELS)
      for (const feature of this.boundaries(level).features)
        if (wanted.has(feature.properties.code)) names[feature.properties.code] = feature.properties.name;
    return names;
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
      'incident.get': async ({ id }) => this.incidentDetail(id),
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
          sla: this.slaFor(this.scoped(scope)),
          modes: this.queries.modes(),
          townships: this.boundaries('township').features.map((feature) => feature.properties),
        }),
      'outbox.list': async ({ limit }) => this.outbox.recent(limit),
      'queue.window': async ({ filter, sort, offset, limit }) =>
        this.queue.window(
          { ...filter, scope: this.scoped(filter.scope) },
          sort,
          offset,
          limit,
          this.queueRules(),
        ),
      'queue.export': async ({ filter, sort, format }) =>
        exportQueue(
          this.queue.all({ ...filter, scope: this.scoped(filter.scope) }, sort, this.queueRules()),
          format,
          new Date(),
        ),
      'incident.open': async ({ id }) => ({ viewers: await this.collaboration.open(id) }),
      'units.forIncident': async ({ jurisdictionCode }) =>
        this.queries.memberUnits().filter((unit) => isWithin(jurisdictionCode, unit.jurisdictionCode)),
      'units.list': async () => {
        const own = this.scoped(undefined);
        return this.queries
          .memberUnits()
          .filter((unit) => isWithin(unit.jurisdictionCode, own) || isWithin(own, unit.jurisdictionCode));
      },
      'sla.get': async () => {
        const source = slaSourceFor(this.queries.slaConfigs(), this.scoped(undefined));
        return { config: source?.config ?? DEFAULT_SLA, configuredAt: source?.jurisdictionCode ?? null };
      },
      'briefing.get': async ({ day, scope }) => {
        const within = this.scoped(scope);
        const briefing = buildBriefing({
          events: this.queries.briefingEvents(briefingLogStart(day), chinaDayStart(addChinaDays(day, 1))),
          scope: within,
          day,
          now: Date.now(),
        });
        return { briefing, names: this.placeNames([within, ...briefingPlaces(briefing)]) };
      },
      'warRoom.get': async ({ scope }) => {
        const within = this.scoped(scope);
        const now = new Date();
        // Today's orders: the centres' day is China's, whatever the machine's time zone.
        const since = new Date(startOfChinaDay(now.getTime()));
        return buildWarRoom({
          since,
          now,
          orders: this.queries.ordersIssuedSince(within, since.toISOString()),
          incident: (id) => this.queue.get(id),
          units: this.memberUnits(),
          forces: this.queries.forces(within),
        });
      },
    };
  }

  close(): void {
    clearInterval(this.sweepTimer);
    this.sync?.stop();
    this.cache.close();
  }
}
