import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { z } from 'zod';
import {
  briefingPlaces,
  briefingLogStart,
  buildBriefing,
  buildHandoverReview,
  chinaDayOf,
  draftRiskWarningLetter,
  draftSupervisionNotice,
  outstandingRisks,
  overdueDangerousObjects,
  STAGES,
  type OfficialDocument,
  type OpenIncidentAt,
  type OutstandingRisk,
  bulletinBody,
  bulletinId,
  draftBulletin,
  toMillis,
  type Handover,
  type HandoverReview,
  type Shift,
  periodEnd,
  periodOf,
  startOfChinaDay,
  CODE_LENGTH,
  countByLevel,
  deadlineFor,
  isWithin,
  modeInForce,
  type NoticeNumber,
  type EscalationCause,
  type Escalation,
  slaInForce,
  slaSourceFor,
  DEFAULT_SLA,
  DEFAULT_SUBSIDY_RATES,
  JURISDICTION_LEVELS,
  chinaMonthBounds,
  computeSubsidies,
  subsidyRatesSourceFor,
  type SubsidyMonth,
  type HubEvent,
  type Jurisdiction,
  type JurisdictionLevel,
  type MemberUnit,
  type OperatorCommand,
  type SlaConfig,
  can,
  keyPersonList,
  keyPersonRow,
  roleSchema,
  rolesWith,
  type Permission,
} from '../domain';
import { WordedError, wording } from '../domain/wording';
import { readBoundaries, readJurisdictions, readManifest, type BoundaryCollection } from '../regions/store';
import { briefingMonitoring } from './cache/coverage';
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
import type { SubsidiesView } from './contract/subsidies';
import { exportSubsidies } from './subsidy/subsidy-export';
import { ShiftReplay } from './replay/shift-replay';
import { riskListCsv } from './documents/risk-list-export';
import { keyPersonCsv } from './documents/key-person-export';
import { keyPersonsIn } from './cache/key-persons';
import { targetsIn } from './cache/targets';
import { targetRegisterView } from './documents/target-register';
import type { KeyPersonListView } from './contract/key-persons';

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

/** The number the hub gave the latest supervision notice in an incident's record, or null. */
function latestNoticeNumber(timeline: readonly { type: string; payload: unknown }[]): NoticeNumber | null {
  const issued = timeline.filter((entry) => entry.type === 'supervision.issued').at(-1);
  return (issued?.payload as { notice?: NoticeNumber } | undefined)?.notice ?? null;
}

function overlaps(handover: Handover, shift: Shift): boolean {
  return (
    toMillis(handover.shift.start) < toMillis(shift.end) &&
    toMillis(shift.start) < toMillis(handover.shift.end)
  );
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
  private readonly shiftReplay: ShiftReplay;
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
    this.shiftReplay = new ShiftReplay({
      cursor: () => this.cache.cursor,
      window: (from, until) => this.queries.replayEvents(from, until),
      after: (seq, until) => this.queries.replayEventsAfter(seq, until),
    });
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
        // Only the map reads what is ahead of the cache: the queue and the alerts wait for the cache.
        onAhead: (change) => this.emit('changed', change),
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
        accountId: account.accountId,
        name: account.name,
        role: account.role,
        jurisdiction: account.jurisdiction,
        jurisdictionName: account.jurisdictionName ?? null,
        ...(account.person === undefined ? {} : { person: account.person }),
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
      connectionSince: sync?.connectionSince ?? null,
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

  /**
   * Refuses what the signed-in role may not do. The hub decides what reaches the cache; this keeps a cache
   * that holds more (one synced before a role was narrowed) from showing it.
   */
  private requirePermission(permission: Permission, what: string): void {
    const operator = this.operator();
    const role = roleSchema.safeParse(operator?.role);
    if (role.success && can(role.data, permission)) return;
    const allowed = rolesWith(permission).join(' and ');
    const who = operator ? `role ${operator.role}` : 'a screen nobody has signed in to';
    throw new WordedError(
      wording(
        'roleMayNotSee',
        operator ? { role: operator.role, permission } : { permission },
        `${what} is only for ${allowed} accounts; ${who} may not see it`,
      ),
    );
  }

  /** Puts a command in the outbox, where it waits for the hub whether or not it is there now. */
  private submit(command: OperatorCommand) {
    const entry = this.outbox.enqueue(command);
    this.emit('status', this.status());
    this.sync?.kickOutbox();
    return entry;
  }

  /** 重点人员清单 of a scope: the rows, masked for screens others can read, and the names they refer to. */
  private keyPersons(scope: string | undefined, masked: boolean): KeyPersonListView {
    this.requirePermission('view-key-persons', 'the key-person list');
    const within = this.scoped(scope);
    const persons = keyPersonList(keyPersonsIn(this.cache.db, within), within);
    const names = this.placeNames([
      within,
      ...persons.map((person) => person.jurisdictionCode.slice(0, CODE_LENGTH.village)),
    ]);
    for (const incidentId of new Set(persons.flatMap((person) => person.linkedIncidentIds)))
      names[incidentId] = this.queue.get(incidentId)?.title ?? incidentId;
    for (const accountId of new Set(persons.map((person) => person.registeredBy)))
      this.nameInto(names, accountId);
    return { scope: within, masked, rows: persons.map((person) => keyPersonRow(person, masked)), names };
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

  /** A month's subsidy by case in scope; grids are named too, since each row is a grid worker's pay. */
  private subsidies(month: SubsidyMonth, scope: string | undefined): SubsidiesView {
    const { start, end } = chinaMonthBounds(month);
    const events = this.queries.subsidyEvents(start, end);
    const report = computeSubsidies({ events, scope: this.scoped(scope), month });
    const places = report.rows.flatMap((row) => [row.township, row.village, ...(row.grid ? [row.grid] : [])]);
    return { report, names: this.placeNames([report.scope, ...places], JURISDICTION_LEVELS) };
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
    const sla = this.slaFor(incident.jurisdictionCode);
    return {
      ...detail,
      timeline: detail.timeline.map((entry) => {
        const by = actorOf(entry as Pick<HubEvent, 'type' | 'payload'>);
        return { ...entry, actor: by === null ? null : (this.collaboration.nameOf(by) ?? null) };
      }),
      unitNames: Object.fromEntries(
        incident.assignedUnitIds.map((unitId) => [unitId, units.get(unitId)?.name ?? unitId]),
      ),
      placeNames: this.placeNames(
        detail.timeline.flatMap((entry) => {
          const switched = (entry.payload as { state?: { jurisdictionCode?: string } }).state;
          return switched?.jurisdictionCode ? [switched.jurisdictionCode] : [];
        }),
        JURISDICTION_LEVELS,
      ),
      deadline: deadlineFor(incident, incident.stage, mode, sla),
      mode,
      sla,
      centreNames: this.placeNames([
        ...(incident.escalations ?? []).map((escalation) => escalation.to),
        ...detail.timeline.flatMap((entry) => {
          const notice = (entry.payload as { notice?: NoticeNumber }).notice;
          return notice ? [notice.centre] : [];
        }),
      ]),
      notice: latestNoticeNumber(detail.timeline),
      gridWorkers: this.queries
        .forces(incident.jurisdictionCode)
        .flatMap((force) => (force.kind === 'grid-worker' ? (force.memberNames ?? []) : [])),
    };
  }

  /**
   * Names of jurisdictions by code, from the region's boundaries at `levels`; a code without one is left out.
   * Grids are left out unless asked for: their names only repeat their village's with a number.
   */
  private placeNames(
    codes: readonly string[],
    levels: readonly JurisdictionLevel[] = NAMED_LEVELS,
  ): Record<string, string> {
    const wanted = new Set(codes);
    const names: Record<string, string> = {};
    for (const level of levels)
      for (const feature of this.boundaries(level).features)
        if (wanted.has(feature.properties.code)) names[feature.properties.code] = feature.properties.name;
    return names;
  }

  /** Every open incident in `scope` with the deadline of its stage under the mode and tables in force. */
  private openIncidents(scope: string): OpenIncidentAt[] {
    const open = STAGES.filter((stage) => stage !== 'closed');
    return this.queue.all({ scope, stages: open }, 'deadline', this.queueRules()).flatMap((row) => {
      const incident = this.queue.get(row.id);
      return incident ? [{ incident, deadline: row.deadline }] : [];
    });
  }

  /** The registers of a scope as the cache holds them, entries taken off left out. */
  private registered(scope: string) {
    const live = targetsIn(this.cache.db, scope).filter((target) => target.removal === null);
    return {
      dangerousObjects: live.filter((target) => target.kind === 'dangerous-object'),
      sensitivePlaces: live.filter((target) => target.kind === 'sensitive-place'),
    };
  }

  /** 突出矛盾风险清单 of a scope, incidents near its sensitive places marked. */
  private outstanding(scope: string, now: number): OutstandingRisk[] {
    return outstandingRisks(this.openIncidents(scope), now, this.registered(scope).sensitivePlaces);
  }

  /** 突出矛盾风险清单 of a scope: the incidents, the dangerous objects overdue for inspection, and their names. */
  private riskList(scope: string, now: number) {
    const rows = this.outstanding(scope, now);
    const dangerousObjects = overdueDangerousObjects(this.registered(scope).dangerousObjects, now);
    const names = {
      ...this.riskListNames(scope, rows),
      ...this.placeNames(
        dangerousObjects.map((object) => object.jurisdictionCode.slice(0, CODE_LENGTH.village)),
      ),
    };
    return { rows, dangerousObjects, names };
  }

  private riskListNames(scope: string, rows: readonly OutstandingRisk[]): Record<string, string> {
    const units = this.memberUnits();
    // Villages for the rows, townships for the letters' addressees.
    const names = this.placeNames([
      scope,
      ...rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.village)),
      ...rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.township)),
    ]);
    for (const unitId of new Set(rows.flatMap((row) => row.unitIds)))
      names[unitId] = units.get(unitId)?.name ?? unitId;
    const places = new Map(this.registered(scope).sensitivePlaces.map((place) => [place.id, place.name]));
    for (const placeId of new Set(rows.flatMap((row) => row.sensitivePlaceIds ?? [])))
      names[placeId] = places.get(placeId) ?? placeId;
    return names;
  }

  /** The centre a document speaks for: the operator's own jurisdiction's. */
  private centreName(): string {
    const own = this.scoped(undefined);
    return `${this.placeNames([own])[own] ?? own}综治中心`;
  }

  private supervisionNotice(incidentId: string): OfficialDocument {
    const detail = this.incidentDetail(incidentId);
    if (!detail || !isWithin(detail.incident.jurisdictionCode, this.scoped(undefined)))
      throw new WordedError(
        wording('incidentNotInScope', {}, `there is no incident ${incidentId} in this jurisdiction`),
      );
    const { incident } = detail;
    const village = incident.jurisdictionCode.slice(0, CODE_LENGTH.village);
    const issuedAt = new Date().toISOString();
    const drafted = draftSupervisionNotice({
      incident,
      unitNames: incident.assignedUnitIds.map((unitId) => detail.unitNames[unitId] ?? unitId),
      placeName: this.placeNames([village])[village] ?? incident.address,
      centreName: this.centreName(),
      deadline: detail.deadline,
      escalation: this.escalationCause(detail.timeline),
      issued: detail.notice && {
        number: detail.notice,
        centreName: `${this.placeNames([detail.notice.centre])[detail.notice.centre] ?? ''}综治中心`,
      },
      issuedAt,
      replyWithinDays: detail.mode === 'wartime' ? 1 : 3,
    });
    if (!drafted.ok) throw new WordedError({ ...drafted.words, message: drafted.reason });
    return drafted.document;
  }

  /** The latest escalation in an incident's record: an operator's, with their reason, or the hub's, for being late. */
  private escalationCause(timeline: readonly { type: string; payload: unknown }[]): EscalationCause | null {
    const latest = timeline
      .filter((entry) => entry.type === 'incident.escalated' || entry.type === 'incident.overdue-escalated')
      .at(-1);
    if (!latest) return null;
    if (latest.type === 'incident.escalated')
      return { kind: 'by-operator', reason: (latest.payload as { reason: string }).reason };
    const { escalation } = latest.payload as { escalation: Escalation };
    const centreName = `${this.placeNames([escalation.to])[escalation.to] ?? ''}综治中心`;
    return { kind: 'overdue', escalation, centreName };
  }

  private riskWarning(
    to: { kind: 'unit'; unitId: string } | { kind: 'township'; code: string },
  ): OfficialDocument {
    const own = this.scoped(undefined);
    const now = Date.now();
    const all = this.outstanding(own, now);
    const risks =
      to.kind === 'unit'
        ? all.filter((risk) => risk.unitIds.includes(to.unitId))
        : all.filter((risk) => isWithin(risk.jurisdictionCode, to.code));
    const addressee =
      to.kind === 'unit'
        ? (this.memberUnits().get(to.unitId)?.name ?? to.unitId)
        : (this.placeNames([to.code])[to.code] ?? to.code);
    const drafted = draftRiskWarningLetter({
      addressee,
      relation: to.kind === 'unit' ? 'handled-by' : 'located-in',
      risks,
      placeNames: this.riskListNames(own, risks),
      centreName: this.centreName(),
      issuedAt: new Date(now).toISOString(),
      serial: `${chinaDayOf(now).replaceAll('-', '').slice(2)}${to.kind === 'unit' ? '' : to.code.slice(-3)}`,
    });
    if (!drafted.ok) throw new WordedError({ ...drafted.words, message: drafted.reason });
    return drafted.document;
  }

  /** What a handover review names: places, the units on its items, and the operators who signed. */
  private reviewNames(review: HandoverReview, handovers: readonly Handover[]): Record<string, string> {
    const items = [
      ...review.new,
      ...review.escalated,
      ...review.resolved,
      ...review.goneOverdue,
      ...review.alarms,
    ];
    const all = [...items, ...review.stillOpen];
    const villages = all.map((item) => item.jurisdictionCode.slice(0, CODE_LENGTH.village));
    const units = this.memberUnits();
    const switched = review.modeSwitches.map((change) => change.jurisdictionCode);
    const names = this.placeNames([review.scope, ...villages, ...switched]);
    for (const unitId of new Set(all.flatMap((item) => item.unitIds)))
      names[unitId] = units.get(unitId)?.name ?? unitId;
    for (const handover of handovers)
      for (const accountId of [handover.submittedBy, handover.acceptance?.by])
        if (accountId) this.nameInto(names, accountId);
    for (const change of review.modeSwitches) this.nameInto(names, change.by);
    return names;
  }

  private namesOf(accountIds: readonly string[]): Record<string, string> {
    const names: Record<string, string> = {};
    for (const accountId of accountIds) this.nameInto(names, accountId);
    return names;
  }

  /** Adds the person behind `accountId` to `names`, if the hub has named them. */
  private nameInto(names: Record<string, string>, accountId: string): void {
    const name = this.collaboration.nameOf(accountId);
    if (name !== undefined) names[accountId] = name;
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
      'map.features': async ({ kind, ids, scope }) => {
        const features = this.queries.mapFeatures(kind, this.scoped(scope), ids);
        return this.sync
          ? this.sync.liveAhead.overMapFeatures(features, kind, this.scoped(scope), ids)
          : features;
      },
      'region.boundaries': async ({ level, scope }) => {
        const within = this.scoped(scope);
        const collection = this.boundaries(level);
        return {
          type: 'FeatureCollection',
          features: collection.features.filter((f) => f.properties.code.startsWith(within)),
        };
      },
      'commands.submit': async ({ command }) => this.submit(command),
      'figures.get': async ({ scope }) =>
        computeFigures(this.cache.db, {
          scope: this.scoped(scope),
          now: new Date(),
          sla: this.slaFor(this.scoped(scope)),
          modes: this.queries.modes(),
          townships: this.boundaries('township').features.map((feature) => feature.properties),
          villages: this.boundaries('village').features.map((feature) => feature.properties),
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
        const configuredAt = source?.jurisdictionCode ?? null;
        return {
          config: source?.config ?? DEFAULT_SLA,
          configuredAt,
          configuredAtName: configuredAt ? (this.placeNames([configuredAt])[configuredAt] ?? null) : null,
        };
      },
      'subsidyRates.get': async () => {
        const source = subsidyRatesSourceFor(this.queries.subsidyRates(), this.scoped(undefined));
        return {
          rates: source?.rates ?? DEFAULT_SUBSIDY_RATES,
          configuredAt: source?.jurisdictionCode ?? null,
        };
      },
      'subsidies.get': async ({ month, scope }) => this.subsidies(month, scope),
      'subsidies.export': async ({ month, scope }) => {
        const { report, names } = this.subsidies(month, scope);
        return exportSubsidies(report, names);
      },
      'briefing.get': async ({ day, period, scope }) => {
        const within = this.scoped(scope);
        const briefing = buildBriefing({
          events: this.queries.briefingEvents(
            briefingLogStart(day, period),
            periodEnd(periodOf(period, day)),
          ),
          scope: within,
          day,
          period,
          now: Date.now(),
          logStart: this.queries.logStart() ?? Date.now(),
          monitoring: briefingMonitoring(this.cache.db, within, Date.now()),
        });
        return { briefing, names: this.placeNames([within, ...briefingPlaces(briefing)]) };
      },
      'bulletin.get': async ({ day, period, scope }) => {
        const { briefing, names } = await this.handlers['briefing.get']({ day, period, scope });
        const id = bulletinId(briefing.scope, period, day);
        const saved = this.queries.bulletin(id);
        const draft = draftBulletin(briefing, names);
        return {
          id,
          scope: briefing.scope,
          saved,
          draft: { title: draft.title, body: bulletinBody(draft) },
          names: saved ? this.namesOf([saved.savedBy]) : {},
        };
      },
      'documents.supervisionNotice': async ({ incidentId }) => ({
        document: this.supervisionNotice(incidentId),
      }),
      'documents.riskList': async ({ scope }) => {
        const within = this.scoped(scope);
        return { scope: within, ...this.riskList(within, Date.now()) };
      },
      'documents.riskWarning': async ({ to }) => ({ document: this.riskWarning(to) }),
      'documents.exportRiskList': async ({ scope }) => {
        const within = this.scoped(scope);
        const now = Date.now();
        const { rows, dangerousObjects, names } = this.riskList(within, now);
        return riskListCsv(rows, names, names[within] ?? within, now, dangerousObjects);
      },
      'documents.keyPersons': async ({ scope, masked }) => this.keyPersons(scope, masked),
      'targets.register': async ({ scope }) => {
        const view = targetRegisterView(this.cache.db, this.scoped(scope), Date.now());
        return { ...view.register, names: this.placeNames([view.register.scope, ...view.places]) };
      },
      'documents.exportKeyPersons': async ({ scope, format }) => {
        const list = this.keyPersons(scope, false);
        const now = Date.now();
        this.submit({
          type: 'recordExport',
          commandId: randomUUID(),
          document: 'key-person-list',
          scope: list.scope,
          format,
          count: list.rows.length,
          exportedAt: new Date(now).toISOString(),
        });
        if (format === 'pdf') return { format, ...list, count: list.rows.length };
        return { format, ...keyPersonCsv(list.rows, list.names, list.names[list.scope] ?? list.scope, now) };
      },
      'handover.review': async ({ shift, scope }) => {
        const within = this.scoped(scope);
        const review = buildHandoverReview({
          events: this.queries.briefingEvents(toMillis(shift.start), toMillis(shift.end)),
          scope: within,
          shift,
          now: Date.now(),
        });
        const handovers = this.queries
          .handovers(within)
          .filter((handover) => overlaps(handover, shift))
          .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
        return { review, handovers, names: this.reviewNames(review, handovers) };
      },
      'replay.frame': async ({ shift, at, scope }) =>
        this.shiftReplay.frame(shift, this.scoped(scope), toMillis(at)),
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
