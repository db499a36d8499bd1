import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as OTPAuth from 'otpauth';
import { pino } from 'pino';
import { runDesktop, type RunningDesktop } from '../../../src/cli/desktop';
import {
  openIncident,
  type HubEvent,
  type HubEventDraft,
  type NewIncident,
  type Role,
} from '../../../src/domain';
import { createAccount } from '../../../src/hub/accounts';
import { bootstrapAccounts } from '../../../src/hub/bootstrap';
import { recordEvents } from '../../../src/hub/projector';
import { seedHub } from '../../../src/cli/seed-demo';
import { createUnitApiKey } from '../../../src/hub/ingest/unit-keys';
import { startHub, type Hub, type HubVideoOptions } from '../../../src/hub/server';
import { startSimulator, type Simulator } from '../../../src/sim/simulator';

export interface Account {
  name: string;
  password: string;
}

/** An administrator who has changed the first password and set up an authenticator app with `secret`. */
export interface Administrator extends Account {
  secret: string;
}

/** The password the rig gives an administrator it prepares: the policy's length, classes, and no name. */
const PREPARED_PASSWORD = 'Erhai-Cangshan-2026!';
const TOTP_STEP_MS = 30_000;

async function postHub(hubUrl: string, path: string, body: unknown, token?: string) {
  const response = await fetch(new URL(path, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/**
 * A hub, the simulator and browser-shell desktops in this process, each over its real transport: the hub
 * serves HTTP and Socket.IO on a port, each desktop runs its core in a worker with its own cache and serves
 * its page on its own port. Unlike `pingan start`, the hub can be stopped and started again under running
 * desktops, on the same port and database.
 */
export class WorkspaceRig {
  /** How far ahead of the machine's clock the hub's runs: a test moves it to make cases overdue. */
  private static clockAheadMs = 0;

  private constructor(
    private hub: Hub,
    private readonly dir: string,
    readonly ingestKey: string,
    readonly commander: Account,
    readonly admin: Account,
    private simulator: Simulator | undefined,
    private readonly desktops: RunningDesktop[] = [],
    private readonly mediaOrigins: string[] = [],
  ) {}

  static async start({
    seedRegion,
    simulate,
    video,
  }: {
    seedRegion: boolean;
    simulate: boolean;
    /** The hub's media gateways, and the origins the desktops' players may fetch from. */
    video?: { hub: HubVideoOptions; mediaOrigins: string[] };
  }): Promise<WorkspaceRig> {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-rig-'));
    WorkspaceRig.clockAheadMs = 0;
    const hub = await startHub({
      db: `sqlite:${join(dir, 'hub.db')}`,
      region: 'dali',
      port: 0,
      logger: pino({ level: 'warn' }),
      clock: () => Date.now() + WorkspaceRig.clockAheadMs,
      ...(video ? { video: video.hub } : {}),
    });
    const credentials = (await bootstrapAccounts(hub.store, hub.region))!;
    if (seedRegion) await seedHub(hub.store, 'dali');
    const simulator = simulate
      ? startSimulator({
          hubUrl: hub.url,
          regionId: 'dali',
          seed: 7,
          speed: 60,
          apiKey: credentials.simulator.apiKey,
          operator: credentials.simulator.operator,
          log: () => undefined,
        })
      : undefined;
    await simulator?.ready;
    return new WorkspaceRig(
      hub,
      dir,
      credentials.simulator.apiKey,
      credentials.demoOperator,
      credentials.admin,
      simulator,
      [],
      video?.mediaOrigins ?? [],
    );
  }

  get hubUrl(): string {
    return this.hub.url;
  }

  get store() {
    return this.hub.store;
  }

  /** The API key of a member unit's own system: it acknowledges that unit's orders, and no other's. */
  async unitKey(unitId: string): Promise<string> {
    const source = `unit-${unitId}`
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .slice(0, 63);
    return (await createUnitApiKey(this.hub.store, source, unitId)).key;
  }

  async addAccount(name: string, role: Role, jurisdiction: string): Promise<Account> {
    // The desktop under test signs in with it at once: no first password change.
    const { password } = await createAccount(
      this.hub.store,
      { name, role, jurisdiction },
      { mustChangePassword: false },
    );
    return { name, password };
  }

  /** The hub's clock now (it may run ahead of the machine's), which the authenticator codes are read by. */
  hubNow(): number {
    return Date.now() + WorkspaceRig.clockAheadMs;
  }

  /** The code an authenticator app set up with `secret` shows now (by the hub's clock). */
  totpCode(secret: string, at = this.hubNow()): string {
    return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at });
  }

  /**
   * Takes `account` (an administrator with a generated password) through the first sign-in on the hub's API:
   * a new password and an authenticator app. The enrolment is confirmed with the previous step's code, so the
   * current one is still good for the desktop's own sign-in.
   */
  async prepareAdministrator(account: Account): Promise<Administrator> {
    const first = await postHub(this.hub.url, '/api/v1/auth/login', account);
    let token = String(first.accessToken);
    if (first.passwordChangeRequired) {
      const changed = await postHub(
        this.hub.url,
        '/api/v1/auth/password',
        { oldPassword: account.password, newPassword: PREPARED_PASSWORD },
        token,
      );
      token = String(changed.accessToken);
    }
    const password = first.passwordChangeRequired ? PREPARED_PASSWORD : account.password;
    const { uri } = await postHub(this.hub.url, '/api/v1/auth/totp/enrol', {}, token);
    const secret = new URL(String(uri)).searchParams.get('secret')!;
    const totpCode = this.totpCode(secret, this.hubNow() - TOTP_STEP_MS);
    await postHub(this.hub.url, '/api/v1/auth/totp/confirm', { totpCode }, token);
    return { name: account.name, password, secret };
  }

  /** A new administrator of `role`, already through the first sign-in (password changed, app set up). */
  async addAdministrator(name: string, role: Role, jurisdiction: string): Promise<Administrator> {
    return this.prepareAdministrator(await this.addAccount(name, role, jurisdiction));
  }

  /**
   * A browser-shell desktop signed in as `account` (to the hub, or to a front of it at `hubUrl`); resolves to
   * the address its page opens at.
   */
  async desktop(account: Account, hubUrl = this.hub.url): Promise<string> {
    const desktop = await runDesktop(
      {
        region: 'dali',
        cache: join(this.dir, `${account.name}-cache.db`),
        hub: hubUrl,
        user: account.name,
        password: account.password,
        browser: true,
        open: false,
        mediaOrigins: this.mediaOrigins,
      },
      () => undefined,
    );
    this.desktops.push(desktop);
    return desktop.url!;
  }

  /** A place on the ground inside `county`: a camera's village and position. */
  async placeIn(county: string): Promise<{ jurisdictionCode: string; location: [number, number] }> {
    const points = await this.hub.store.entitiesInScope(county, 'monitoring-point');
    const point = points[0]!.doc as { jurisdictionCode: string; location: [number, number] };
    return { jurisdictionCode: point.jurisdictionCode, location: point.location };
  }

  /** Writes `count` field reports straight through the hub's projector, in batches: a busy month's queue. */
  async recordReports(
    count: number,
    place: { jurisdictionCode: string; location: [number, number] },
  ): Promise<void> {
    const start = Date.now() - count * 60_000;
    for (let done = 0; done < count; done += 1000) {
      const drafts: HubEventDraft[] = [];
      for (let i = done; i < Math.min(count, done + 1000); i += 1) {
        const report: NewIncident = {
          id: `bulk-${String(i).padStart(6, '0')}`,
          kind: 'dispute',
          category: 'neighbourhood',
          title: `邻里纠纷第 ${i + 1} 件`,
          description: '',
          jurisdictionCode: place.jurisdictionCode,
          location: place.location,
          address: `测试地址 ${i + 1} 号`,
          reporter: null,
          source: 'grid-worker',
          monitoringPointId: null,
        };
        drafts.push(...openIncident(report, new Date(start + i * 60_000).toISOString()).events);
      }
      await this.hub.store.transaction((tx) => recordEvents(tx, drafts));
    }
  }

  /** Writes a made-up history straight into the hub's log, with the times it carries: past days to report on. */
  async recordHistory(events: readonly HubEvent[]): Promise<void> {
    const drafts = events.map(({ seq: _seq, id: _id, ...draft }) => draft as HubEventDraft);
    await this.hub.store.transaction((tx) => recordEvents(tx, drafts));
  }

  /** Moves the hub's clock `ms` ahead and has it escalate what is overdue then, at once. */
  async escalateOverdueAfter(ms: number): Promise<number> {
    WorkspaceRig.clockAheadMs += ms;
    return this.hub.sweepEscalations();
  }

  async stopSimulator(): Promise<void> {
    await this.simulator?.stop();
    this.simulator = undefined;
  }

  async stopHub(): Promise<void> {
    await this.hub.close();
  }

  /** The same hub again: same database, same port, so the desktops' reconnects find it. */
  async restartHub(): Promise<void> {
    this.hub = await startHub({
      db: `sqlite:${join(this.dir, 'hub.db')}`,
      region: 'dali',
      port: this.hub.port,
      logger: pino({ level: 'warn' }),
      clock: () => Date.now() + WorkspaceRig.clockAheadMs,
    });
  }

  async stop(): Promise<void> {
    await this.simulator?.stop();
    for (const desktop of this.desktops) await desktop.stop();
    await this.hub.close().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
