import { SimClock } from './clock';
import { YANGBI_EARTHQUAKE } from './earthquake';
import { CHANNEL_PATHS, MAX_REPORTS_PER_REQUEST, fieldReportsBody } from './field-reports';
import { HubHttp } from './hub-http';
import { RunIds } from './ids';
import { IncidentDriver } from './incident-driver';
import { OperatorSession } from './operator-session';
import { Outbox, type OutboxObserver } from './outbox';
import {
  DAY_SECONDS,
  planDay,
  startMinuteOfDay,
  type Channel,
  type DayPlan,
  type PlanItem,
  type PlannedIncident,
  type Scenario,
} from './plan';
import { simRegion, type SimRegion } from './region-model';
import { Scheduler } from './scheduler';
import { emptyStats, summaryLine, type SimulatorStats } from './stats';
import { Telemetry, type PositionUpdate, type StatusUpdate } from './telemetry';

export type { SimulatorStats } from './stats';

export interface SimulatorOptions {
  hubUrl: string;
  regionId: string;
  seed: number;
  /** Simulated seconds per real second. */
  speed: number;
  scenario?: Scenario;
  apiKey: string;
  operator: { name: string; password: string };
  regionsDir?: string;
  log?: (line: string) => void;
}

export interface Simulator {
  /** Settles once the simulator has signed in and subscribed; rejects if it could not. */
  ready: Promise<void>;
  stop(): Promise<void>;
  stats(): SimulatorStats;
}

const TICK_MS = 200;
const SUMMARY_EVERY_MS = 10_000;
/** The next day's plan is made this long (simulated) before it starts. */
const PLAN_AHEAD_SECONDS = 3600;
const STOP_GRACE_MS = 5000;
/** One refused telemetry batch in this many is logged: the same cause refuses them all. */
const LOG_EVERY_REFUSED_BATCH = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What exists once the simulator has reached the hub. */
interface Connected {
  session: OperatorSession;
  clock: SimClock;
  ids: RunIds;
  scheduler: Scheduler;
  driver: IncidentDriver;
  telemetry: Telemetry;
}

class Simulation {
  private readonly log: (line: string) => void;
  private readonly scenario: Scenario;
  private readonly stats = emptyStats();
  private readonly startedAt = Date.now();
  /** The run follows the time of day it was started at: its first hour is the hour it is now. */
  private readonly startMinute: number;
  private readonly http: HubHttp;
  private readonly statuses: Outbox<StatusUpdate>;
  private readonly positions: Outbox<PositionUpdate>;
  private readonly background = new Set<Promise<unknown>>();
  private readonly arrivals: PlannedIncident[] = [];
  private connected: Connected | undefined;
  private plannedDays = 0;
  private refusedBatches = 0;
  private lastSummaryAt = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(private readonly options: SimulatorOptions) {
    this.log = options.log ?? ((line: string) => console.log(line));
    this.scenario = options.scenario ?? 'normal';
    this.startMinute = startMinuteOfDay(this.scenario, this.startedAt);
    this.http = new HubHttp(options.hubUrl, options.apiKey, {
      onRateLimited: () => (this.stats.rateLimited += 1),
      onRetry: (reason) => {
        this.stats.retries += 1;
        if (this.stats.retries % 20 === 1) this.log(`retrying: ${reason}`);
      },
      stopping: () => this.stopping,
    });
    this.statuses = new Outbox(
      this.http,
      '/api/v1/monitoring/status',
      (updates) => ({ updates }),
      this.outboxObserver('statusUpdatesSent'),
    );
    this.positions = new Outbox(
      this.http,
      '/api/v1/forces/positions',
      (positions) => ({ positions }),
      this.outboxObserver('positionsSent'),
    );
  }

  async start(): Promise<void> {
    const { options } = this;
    const region = simRegion(options.regionId, options.regionsDir);
    // Planned before anything is sent, so a scenario the region cannot host fails at once.
    const firstDay = this.plan(0);
    const head = await this.http.headSeq();
    const ids = new RunIds(options.seed, `r${head}`);
    const session = await OperatorSession.open(options.hubUrl, this.http, options.operator, head, {
      onEvents: (n) => (this.stats.eventsReceived += n),
      onIncidentClosed: () => (this.stats.incidentsClosed += 1),
      log: this.log,
    });
    const clock = new SimClock(options.speed, this.startMinute);
    const scheduler = new Scheduler();
    const driver = new IncidentDriver(session, scheduler, clock, ids, {
      onAccepted: () => (this.stats.commandsAccepted += 1),
      onRefused: (code) => this.countRefusal(code),
      log: this.log,
      stopping: () => this.stopping,
    });
    const seedLabel = `sim/${options.regionId}/${options.seed}/${this.scenario}`;
    const telemetry = new Telemetry(region, seedLabel, clock, ids, this.statuses, this.positions);
    this.connected = { session, clock, ids, scheduler, driver, telemetry };
    this.schedule(firstDay);
    this.log(this.banner(region, clock));
    if (!this.stopping) this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  async stop(started: Promise<void>): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await started.catch(() => undefined);
    const settled = Promise.all([
      Promise.allSettled([...this.background]),
      this.connected?.driver.idle(),
      this.statuses.drained(),
      this.positions.drained(),
    ]);
    await Promise.race([settled, sleep(STOP_GRACE_MS)]);
    this.connected?.session.close();
    if (this.connected) this.log(summaryLine(this.current()));
  }

  current(): SimulatorStats {
    const realSeconds = (Date.now() - this.startedAt) / 1000;
    const clock = this.connected?.clock;
    const simSeconds = clock?.now() ?? 0;
    return {
      ...this.stats,
      commandsRefused: { ...this.stats.commandsRefused },
      simSeconds,
      simTime: clock?.describe(simSeconds) ?? '',
      realSeconds,
      incidentsInHand: this.connected?.driver.inHand ?? 0,
      eventsPerSecond: this.stats.eventsReceived / Math.max(1, realSeconds),
      camerasOnlineShare: this.connected?.telemetry.onlineShare ?? 0,
    };
  }

  private banner(region: SimRegion, clock: SimClock): string {
    const { options } = this;
    return (
      `simulating ${region.tree.root.name} (${options.regionId}) from ${clock.describe(0)} at ${options.speed}× — ` +
      `seed ${options.seed}, ${this.scenario}, ${region.inventory.points.length} monitoring points, ` +
      `${region.inventory.forces.length} forces, hub ${options.hubUrl}`
    );
  }

  private outboxObserver(counter: 'statusUpdatesSent' | 'positionsSent'): OutboxObserver {
    return {
      onSent: (n) => (this.stats[counter] += n),
      onRejected: (path, n, reason) => {
        this.stats.rejectedItems += n;
        if (this.refusedBatches++ % LOG_EVERY_REFUSED_BATCH !== 0) return;
        const hint = reason.startsWith('unknown-reference')
          ? ` (was the hub seeded with region ${this.options.regionId}?)`
          : '';
        this.log(`the hub refused ${n} items on ${path}: ${reason}${hint}`);
      },
      onDropped: (n) => (this.stats.droppedTelemetry += n),
    };
  }

  private countRefusal(code: string): void {
    this.stats.commandsRefused[code] = (this.stats.commandsRefused[code] ?? 0) + 1;
  }

  private inBackground(work: Promise<unknown>): void {
    this.background.add(work);
    void work.finally(() => this.background.delete(work));
  }

  private plan(day: number): DayPlan {
    const { regionId, seed, regionsDir } = this.options;
    return planDay(regionId, seed, this.scenario, day, regionsDir, this.startMinute);
  }

  private schedule(plan: DayPlan): void {
    for (const item of plan.items) this.connected!.scheduler.schedule(item.at, () => this.dispatch(item));
    this.plannedDays = plan.day + 1;
  }

  private tick(): void {
    if (this.stopping || !this.connected) return;
    const { clock, scheduler, telemetry } = this.connected;
    try {
      const now = clock.now();
      while (now + PLAN_AHEAD_SECONDS >= this.plannedDays * DAY_SECONDS)
        this.schedule(this.plan(this.plannedDays));
      for (const task of scheduler.takeDue(now)) {
        // Telemetry catches up to each task first, so the readings do not depend on how ticks fall.
        telemetry.advanceTo(task.at);
        task.run();
      }
      telemetry.advanceTo(now);
      this.sendArrivals();
    } catch (error) {
      this.log(`simulator error: ${(error as Error).stack ?? String(error)}`);
    }
    if (Date.now() - this.lastSummaryAt >= SUMMARY_EVERY_MS) {
      this.lastSummaryAt = Date.now();
      this.log(summaryLine(this.current()));
    }
  }

  private dispatch(item: PlanItem): void {
    const { clock, telemetry } = this.connected!;
    switch (item.type) {
      case 'incident':
        this.arrivals.push(item.incident);
        return;
      case 'switch-mode':
        this.inBackground(this.switchMode(item));
        return;
      case 'earthquake': {
        const { dark, heading } = telemetry.earthquake(item.epicentre);
        this.log(
          `[${clock.describe(item.at)}] M${item.magnitude} earthquake near Yangbi (${YANGBI_EARTHQUAKE.countyCode}): ` +
            `${dark} monitoring points dark, ${heading} forces heading for the epicentre`,
        );
      }
    }
  }

  /** Everything that arrived in this tick goes out as one request per channel (split if very large). */
  private sendArrivals(): void {
    const byChannel = new Map<Channel, PlannedIncident[]>();
    for (const incident of this.arrivals.splice(0)) {
      byChannel.set(incident.channel, [...(byChannel.get(incident.channel) ?? []), incident]);
    }
    for (const [channel, batch] of byChannel) {
      for (let i = 0; i < batch.length; i += MAX_REPORTS_PER_REQUEST) {
        this.inBackground(this.openIncidents(channel, batch.slice(i, i + MAX_REPORTS_PER_REQUEST)));
      }
    }
  }

  private async openIncidents(channel: Channel, batch: PlannedIncident[]): Promise<void> {
    const { ids, driver } = this.connected!;
    const items = batch.map((incident) => ({ id: ids.external(channel, incident.key), incident }));
    const reply = await this.http.ingest(CHANNEL_PATHS[channel], fieldReportsBody(channel, items));
    if (!reply.ok) {
      this.stats.rejectedItems += batch.length;
      this.log(`the hub refused ${batch.length} ${channel}s: ${reply.code}: ${reply.message}`);
      return;
    }
    if (channel === 'alarm') this.stats.alarmsSent += batch.length;
    else this.stats.reportsSent += batch.length;
    if (reply.replayed) {
      this.log(
        `${batch.length} ${channel}s were already on the hub (a replay), so their ids are unknown: not followed`,
      );
      return;
    }
    reply.created.forEach((incidentId, i) => driver.follow(incidentId, batch[i]!));
    this.stats.incidentsOpened += reply.created.length;
  }

  private async switchMode(item: Extract<PlanItem, { type: 'switch-mode' }>): Promise<void> {
    const { session, ids, clock } = this.connected!;
    const reply = await session.command({
      type: 'switchMode',
      commandId: ids.commandId('switch-mode', item.key),
      jurisdictionCode: item.jurisdictionCode,
      mode: item.mode,
      reason: item.reason,
    });
    if (!reply.ok) {
      this.countRefusal(reply.code);
      this.log(
        `switching ${item.jurisdictionCode} to ${item.mode} was refused (${reply.code}): ${reply.reason}`,
      );
      return;
    }
    this.stats.commandsAccepted += 1;
    this.log(
      `[${clock.describe(clock.now())}] ${item.jurisdictionCode} switched to ${item.mode}: ${item.reason}`,
    );
  }
}

/**
 * Drives a hub through its public APIs only, as the field and the centre would: reports, hotline tickets
 * and camera alarms over HTTP with an API key; a commander's commands over socket.io; camera status and
 * force positions in batches. What it does follows `planDay` for the seed, at `speed` times real time.
 */
export function startSimulator(options: SimulatorOptions): Simulator {
  const simulation = new Simulation(options);
  const ready = simulation.start();
  return {
    ready,
    stop: () => simulation.stop(ready),
    stats: () => simulation.current(),
  };
}
