import { EventEmitter } from 'node:events';
import type { OperatorCommand } from '../domain';
import { LocalCache } from './cache/local-cache';
import { CacheQueries } from './cache/queries';
import type { DesktopEventName, DesktopEventPayload, SessionStatus } from './contract/api';
import { AlertWatch, OVERDUE_SWEEP_MS } from './alerts';
import { createDesktopHandlers } from './handlers/desktop-handlers';
import type { CoreServices, DesktopApiHandlers } from './handlers/types';
import { IncidentQueue, type QueueRules } from './queue/incident-queue';
import { ShiftReplay } from './replay/shift-replay';
import { AccountsClient } from './hub-api/accounts-client';
import { AuditClient } from './hub-api/audit-client';
import { VideoClient } from './hub-api/video-client';
import { checkPasswordWithHub, type PasswordCheck } from './hub-api/password-check';
import { ActionGate } from './services/action-gate';
import { ExportAudit } from './services/export-audit';
import { IdleLock } from './services/idle-lock';
import { UnmaskAudit } from './services/unmask-audit';
import { NamesDirectory } from './services/names-directory';
import { Regions } from './services/regions';
import { SessionPolicy } from './services/session-policy';
import { sessionStatus } from './services/session-status';
import { signInSteps } from './services/sign-in-steps';
import { Collaboration } from './sync/collaboration';
import { HubSession } from './sync/hub-session';
import { HubSync } from './sync/hub-sync';
import { Outbox, type OutboxEntry } from './sync/outbox';

export interface DesktopCoreOptions {
  cacheFile: string;
  regionId: string;
  regionsDir?: string;
  /** Without a hub the core serves the cache alone, as it does offline. */
  hub?: { url: string; name: string; password: string };
  /** The clock the idle timeout is measured by; the machine's unless a test moves its own. */
  now?: () => number;
}

/** How often the core looks whether the idle timeout has passed, to tell the screen it is locked. */
const LOCK_WATCH_MS = 5_000;

/**
 * The desktop core: the local cache, its sync with the hub and the outbox of operator commands, behind
 * the one API contract. It runs off the window's thread (a worker) in both shells, and it opens from the
 * cache alone, so the last known state is on screen before the hub answers — or when it never does.
 * The core wires the parts and runs their lifecycle; the handler modules answer the calls.
 */
export class DesktopCore {
  readonly cache: LocalCache;
  readonly queries: CacheQueries;
  readonly outbox: Outbox;
  /** The table the transports dispatch to: one handler per method of the API contract. */
  readonly handlers: DesktopApiHandlers;
  private readonly queue: IncidentQueue;
  private readonly collaboration: Collaboration;
  private readonly alerts: AlertWatch;
  private readonly regions: Regions;
  private readonly session: SessionPolicy;
  private readonly idleLock: IdleLock;
  private readonly sync: HubSync | undefined;
  private readonly hubSession: HubSession | undefined;
  private readonly emitter = new EventEmitter();
  private sweepTimer: NodeJS.Timeout | undefined;
  private lockWatch: NodeJS.Timeout | undefined;

  constructor(options: DesktopCoreOptions) {
    this.cache = new LocalCache(options.cacheFile);
    this.queries = new CacheQueries(this.cache.db, this.cache.personal);
    this.outbox = new Outbox(this.cache.db, this.cache.personal);
    this.regions = new Regions(options.regionId, options.regionsDir);
    this.queue = new IncidentQueue(this.cache.db, this.cache.personal);
    this.collaboration = new Collaboration(this.cache, (presence) => this.emit('presence', presence));
    this.alerts = new AlertWatch(
      this.queue,
      () => this.queueRules(),
      (alert) => this.emit('alert', alert),
    );
    this.session = new SessionPolicy(this.cache, () => this.hubSession?.account, this.regions.rootCode);
    if (options.hub) {
      this.hubSession = new HubSession(options.hub.url, {
        name: options.hub.name,
        password: options.hub.password,
      });
      this.sync = this.connect(this.hubSession);
    }
    this.idleLock = new IdleLock({
      now: options.now ?? Date.now,
      role: () => this.session.operator()?.role,
      timeoutMinutes: () => this.hubSession?.idleTimeoutMinutes,
    });
    this.handlers = createDesktopHandlers(this.services(options.hub?.name));
  }

  /** The hub link: what it applies to the cache reaches the queue, the alerts and the renderer. */
  private connect(hubSession: HubSession): HubSync {
    return new HubSync(hubSession, this.cache, this.outbox, {
      onStatus: () => this.emit('status', this.status()),
      onApplied: (change) => {
        if (change.ids === null) this.alerts.reset();
        else if (change.ids.incident?.length) this.alerts.changed(change.ids.incident);
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

  /** The hub's verdict on the signed-in account's password; without a hub nobody can say it is right. */
  private checkPassword(
    loginName: string | undefined,
    password: string,
    totpCode?: string,
  ): Promise<PasswordCheck> {
    const name = this.hubSession?.account?.name ?? loginName;
    if (!this.hubSession || !name) return Promise.resolve('unreachable');
    return checkPasswordWithHub(this.hubSession.hubUrl, name, password, totpCode);
  }

  private services(loginName: string | undefined): CoreServices {
    const names = new NamesDirectory({
      boundaries: (level) => this.regions.boundaries(level),
      accountName: (accountId) => this.collaboration.nameOf(accountId),
      memberUnits: () => this.queries.memberUnits(),
    });
    const shiftReplay = new ShiftReplay({
      cursor: () => this.cache.cursor,
      window: (from, until) => this.queries.replayEvents(from, until),
      after: (seq, until) => this.queries.replayEventsAfter(seq, until),
    });
    const submit = (command: OperatorCommand) => this.submit(command);
    return {
      cache: this.cache,
      queries: this.queries,
      outbox: this.outbox,
      queue: this.queue,
      liveAhead: this.sync?.liveAhead,
      presence: this.collaboration,
      shiftReplay,
      session: this.session,
      names,
      regions: this.regions,
      exportAudit: new ExportAudit(submit),
      idleLock: this.idleLock,
      gate: new ActionGate(this.idleLock, () => this.session.operator()?.role),
      checkPassword: (password, totpCode) => this.checkPassword(loginName, password, totpCode),
      signInSteps: signInSteps({ session: this.hubSession, stepTaken: () => this.sync?.resume() }),
      lockChanged: () => this.emit('status', this.status()),
      audit: this.hubSession ? new AuditClient(this.hubSession) : undefined,
      accounts: this.hubSession ? new AccountsClient(this.hubSession) : undefined,
      video: this.hubSession ? new VideoClient(this.hubSession) : undefined,
      unmaskAudit: new UnmaskAudit(submit),
      status: () => this.status(),
      submit,
      queueRules: () => this.queueRules(),
    };
  }

  start(): void {
    this.sync?.start();
    this.sweepTimer = setInterval(() => this.alerts.sweep(), OVERDUE_SWEEP_MS);
    this.lockWatch = this.watchLock();
  }

  /** Tells the screen the moment the idle timeout has locked it (no call from the renderer need come first). */
  private watchLock(): NodeJS.Timeout {
    let wasLocked = this.idleLock.isLocked();
    return setInterval(() => {
      const locked = this.idleLock.isLocked();
      if (locked !== wasLocked) this.emit('status', this.status());
      wasLocked = locked;
    }, LOCK_WATCH_MS);
  }

  on<E extends DesktopEventName>(event: E, listener: (payload: DesktopEventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  private emit<E extends DesktopEventName>(event: E, payload: DesktopEventPayload<E>): void {
    this.emitter.emit(event, payload);
  }

  status(): SessionStatus {
    const operator = this.session.operator();
    return sessionStatus({
      link: this.sync?.current,
      cursor: this.cache.cursor,
      outboxPending: this.outbox.pendingCount(),
      operator,
      scope: operator?.jurisdiction ?? this.regions.rootCode,
      modes: this.queries.modes(),
      lock: this.idleLock.state(),
    });
  }

  /** Puts a command in the outbox, where it waits for the hub whether or not it is there now. */
  private submit(command: OperatorCommand): OutboxEntry {
    const entry = this.outbox.enqueue(command);
    this.emit('status', this.status());
    this.sync?.kickOutbox();
    return entry;
  }

  /** The rules deadlines are computed by, as the cache knows them now. */
  private queueRules(): QueueRules {
    return { now: Date.now() };
  }

  close(): void {
    clearInterval(this.sweepTimer);
    clearInterval(this.lockWatch);
    this.sync?.stop();
    this.cache.close();
  }
}
