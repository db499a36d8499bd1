import { pointOnFeature } from '@turf/point-on-feature';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { io as connect, type Socket } from 'socket.io-client';
import { createAccount, createApiKey } from '../../../src/hub/accounts';
import { totpCode } from '../../../src/hub/auth/totp';
import { createUnitApiKey } from '../../../src/hub/ingest/unit-keys';
import { startHub, type Hub, type HubOptions } from '../../../src/hub/server';
import type { RegionIndex } from '../../../src/hub/region-index';
import type { MemberUnit } from '../../../src/domain';
import { recordEvents } from '../../../src/hub/projector';
import { PROTOCOL_VERSION } from '../../../src/protocol';
import type { StoredEvent } from '../../../src/hub/store';
import { readBoundaries } from '../../../src/regions/store';
import type { TestDatabase } from './databases';

export const PREFECTURE = '5329';
export const DALI_CITY = '532901';
export const YANGBI = '532922';

export interface Harness {
  hub: Hub;
  database: TestDatabase;
  close(): Promise<void>;
}

export async function startTestHub(
  database: TestDatabase,
  extra: Omit<HubOptions, 'db' | 'region'> = {},
): Promise<Harness> {
  const hub = await startHub({
    db: database.url,
    region: 'dali',
    port: 0,
    logger: pino({ level: 'silent' }),
    // Tests sign many accounts in from one address; the throttles have tests of their own.
    signInLimits: { perAddress: 1000, perName: 1000 },
    ...extra,
  });
  return {
    hub,
    database,
    async close() {
      await hub.close();
      await database.drop();
    },
  };
}

/** A village of the county, and a point inside the county, for reports that must land there. */
export function placeIn(
  region: RegionIndex,
  countyCode: string,
): { village: string; location: [number, number] } {
  const village = [...region.all()].find((j) => j.level === 'village' && j.code.startsWith(countyCode))!;
  const county = readBoundaries('dali', 'county')!.features.find((f) => f.properties.code === countyCode)!;
  const point = pointOnFeature(county).geometry.coordinates as [number, number];
  return { village: village.code, location: point };
}

export async function addOperator(hub: Hub, role: string, jurisdiction: string) {
  const name = `${role}-${jurisdiction}-${randomUUID().slice(0, 8)}`;
  // A fixture signed in by the test itself: its password need not be changed first.
  const { account, password } = await createAccount(
    hub.store,
    { name, role, jurisdiction },
    { mustChangePassword: false },
  );
  return { account, name, password };
}

export async function addKey(
  hub: Hub,
  jurisdiction: string,
  source = `grid-app-${randomUUID().slice(0, 8)}`,
) {
  return (await createApiKey(hub.store, source, jurisdiction)).key;
}

/** A key for a member unit's own system, bound to the unit: it acknowledges that unit's orders only. */
export async function addUnitKey(
  hub: Hub,
  unitId: string,
  source = `unit-portal-${randomUUID().slice(0, 8)}`,
) {
  return (await createUnitApiKey(hub.store, source, unitId)).key;
}

/** The member units orders go to, as the demo's seed registers them. */
export async function registerUnits(hub: Hub, ...ids: string[]): Promise<void> {
  const units: MemberUnit[] = ids.map((id) => ({
    id,
    name: id,
    kind: 'police',
    jurisdictionCode: DALI_CITY,
  }));
  await hub.store.transaction((tx) =>
    recordEvents(tx, [
      { type: 'units.registered', jurisdiction: DALI_CITY, at: new Date().toISOString(), payload: { units } },
    ]),
  );
}

/**
 * Signs in and returns a full access token. An administrator without a second factor enrols one on the way
 * (as a person would with an authenticator app); the secret is kept here for their next sign-in.
 */
export async function login(hub: Pick<Hub, 'url'>, name: string, password: string): Promise<string> {
  const key = `${hub.url} ${name}`;
  const secret = totpSecrets.get(key);
  const totp = secret ? { totpCode: await unusedTotpCode(key, secret) } : {};
  const response = await fetch(`${hub.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password, ...totp }),
  });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const answer = (await response.json()) as { accessToken: string; totpEnrolmentRequired?: true };
  if (!answer.totpEnrolmentRequired) return answer.accessToken;
  const enrolment = await postJson(`${hub.url}/api/v1/auth/totp/enrol`, answer.accessToken, {});
  const enrolled = new URL(String(enrolment.body.uri)).searchParams.get('secret')!;
  totpSecrets.set(key, enrolled);
  const confirmed = await postJson(`${hub.url}/api/v1/auth/totp/confirm`, answer.accessToken, {
    totpCode: await unusedTotpCode(key, enrolled),
  });
  if (confirmed.status !== 200) throw new Error(`TOTP enrolment failed: ${JSON.stringify(confirmed.body)}`);
  return String(confirmed.body.accessToken);
}
const totpSecrets = new Map<string, string>();
const lastTotpSteps = new Map<string, number>();
const TOTP_STEP_MS = 30_000;

/**
 * A code of a time step not used before: the hub refuses a code used once. The hub also takes the next
 * step's code; beyond that, this waits for the step to come.
 */
async function unusedTotpCode(key: string, secret: string): Promise<string> {
  const current = Math.floor(Date.now() / TOTP_STEP_MS);
  const step = Math.max(current, (lastTotpSteps.get(key) ?? -1) + 1);
  if (step > current + 1)
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * TOTP_STEP_MS - Date.now() + 50));
  lastTotpSteps.set(key, step);
  return totpCode(secret, step * TOTP_STEP_MS);
}

export function report(
  place: { village: string; location: [number, number] },
  id: string = randomUUID(),
  title = '邻里纠纷',
) {
  return {
    id,
    source: 'grid-worker',
    kind: 'dispute',
    category: 'neighbourhood',
    title,
    jurisdictionCode: place.village,
    location: place.location,
    address: '测试地址',
  };
}

export async function postJson(
  url: string,
  key: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return {
    status: response.status,
    body: json as Record<string, unknown> & {
      error?: { code: string; message: string; problems?: string[] };
    },
  };
}

export async function postReports(hubUrl: string, key: string, reports: unknown[]) {
  const result = await postJson(`${hubUrl}/api/v1/reports`, key, { reports });
  if (result.status !== 201)
    throw new Error(`ingest failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body as unknown as { accepted: number; created: string[]; seqs: number[] };
}

/** How long a hub may take to answer a subscription before the test says so, rather than hanging. */
const ACK_TIMEOUT_MS = 15_000;

/** A live-stream client that records every event and snapshot it receives, in order. */
export class StreamClient {
  readonly events: StoredEvent[] = [];
  readonly snapshots: { seq: number; entities: { kind: string; id: string; jurisdiction: string }[] }[] = [];
  /** The stretch of the log each batch said it covers, in order of arrival. */
  readonly stretches: { after: number; through: number }[] = [];
  readonly socket: Socket;

  /** Set when the one connection attempt failed: it is made at once, and nothing retries it. */
  private connectError: Error | undefined;

  constructor(url: string, token: string) {
    this.socket = connect(url, {
      auth: { token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
    });
    this.socket.once('connect_error', (error) => (this.connectError = error));
    this.socket.on('events', (batch: StoredEvent[], stretch: { after: number; through: number }) => {
      this.events.push(...batch);
      this.stretches.push(stretch);
    });
    this.socket.on('snapshot', (snapshot: StreamClient['snapshots'][number]) =>
      this.snapshots.push(snapshot),
    );
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      if (this.connectError) return reject(this.connectError);
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  async subscribe(since: number, scope?: string) {
    await this.connected();
    return (await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('subscribe', { since, ...(scope ? { scope } : {}) })) as {
      ok: boolean;
      mode?: string;
      liveFrom?: number;
      error?: string;
    };
  }

  command(command: Record<string, unknown>) {
    return this.socket.emitWithAck('command', command) as Promise<{
      ok: boolean;
      code?: string;
      reason?: string;
      words?: { code: string; params: Record<string, string | number> };
      seqs?: number[];
      replayed?: boolean;
    }>;
  }

  seqs(): number[] {
    return this.events.map((event) => event.seq);
  }

  /**
   * How far the client holds the log without a gap, as a desktop cache judges it: from `since` (or the
   * snapshot's seq), each batch must start at or before where the last one ended. Null at the first gap.
   */
  completeThrough(since: number): number | null {
    let cursor = this.snapshots.at(-1)?.seq ?? since;
    for (const { after, through } of this.stretches) {
      if (through <= cursor) continue;
      if (after > cursor) return null;
      cursor = through;
    }
    return cursor;
  }

  async waitFor(predicate: (events: StoredEvent[]) => boolean, timeoutMs = 5000): Promise<void> {
    const started = Date.now();
    while (!predicate(this.events)) {
      if (Date.now() - started > timeoutMs) {
        throw new Error(`timed out; received seqs ${JSON.stringify(this.seqs().slice(-20))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): void {
    this.socket.close();
  }
}

export const newCommandId = () => randomUUID();
