import type { IngestPath } from '../protocol/ingest';
import { healthzAnswerSchema, loginAnswerSchema, refreshAnswerSchema, type Tokens } from '../protocol';

export type { Tokens } from '../protocol';

export type IngestReply =
  | { ok: true; created: string[]; replayed: boolean }
  | { ok: false; status: number; code: string; message: string };

export interface HttpObserver {
  onRateLimited(): void;
  onRetry(reason: string): void;
  /** True once the simulator is stopping: retries give up instead of waiting. */
  stopping(): boolean;
}

const MAX_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** The hub's public HTTP API as the field sees it: sign-in for the operator, ingest with the API key. */
export class HubHttp {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly observer: HttpObserver,
  ) {}

  async headSeq(): Promise<number> {
    const response = await this.send('GET', '/healthz').catch((error: unknown) => {
      throw new Error(`cannot reach the hub at ${this.baseUrl}: ${(error as Error).message}`);
    });
    if (!response.ok) throw new Error(`the hub at ${this.baseUrl} is not healthy (HTTP ${response.status})`);
    return healthzAnswerSchema.parse(await response.json()).seq;
  }

  async login(name: string, password: string): Promise<Tokens> {
    const response = await this.send('POST', '/api/v1/auth/login', { name, password });
    if (!response.ok) {
      throw new Error(`the hub refused the simulator's operator "${name}": ${await this.reason(response)}`);
    }
    return loginAnswerSchema.parse(await response.json());
  }

  async refresh(refreshToken: string): Promise<Tokens | undefined> {
    const response = await this.send('POST', '/api/v1/auth/refresh', { refreshToken });
    return response.ok ? refreshAnswerSchema.parse(await response.json()) : undefined;
  }

  /**
   * Posts one ingest batch. Rate limiting (429) and the hub's own failures are retried with backoff;
   * a replay (409) means an earlier try got through, so it counts as delivered.
   */
  async ingest(path: IngestPath, body: unknown): Promise<IngestReply> {
    for (let attempt = 1; ; attempt += 1) {
      let response: Response;
      try {
        response = await this.send('POST', path, body, true);
      } catch (error) {
        if (!(await this.backoff(attempt, `${path}: ${(error as Error).message}`))) throw error;
        continue;
      }
      if (response.status === 201) {
        const { created } = (await response.json()) as { created: string[] };
        return { ok: true, created, replayed: false };
      }
      if (response.status === 409) return { ok: true, created: [], replayed: true };
      if (response.status === 429) {
        this.observer.onRateLimited();
        const retryAfter = Number(response.headers.get('retry-after') ?? '1');
        await response.body?.cancel();
        if (this.observer.stopping()) return this.failure(response, 'rate-limited');
        await sleep(Math.max(1, retryAfter) * 1000);
        continue;
      }
      if (response.status >= 500 && (await this.backoff(attempt, `${path}: HTTP ${response.status}`)))
        continue;
      const parsed = (await response.json().catch(() => ({}))) as ErrorBody;
      return {
        ok: false,
        status: response.status,
        code: parsed.error?.code ?? 'unknown',
        message: parsed.error?.message ?? `HTTP ${response.status}`,
      };
    }
  }

  private failure(response: Response, code: string): IngestReply {
    return { ok: false, status: response.status, code, message: `gave up on HTTP ${response.status}` };
  }

  /** Waits before the next attempt; false when there should be none. */
  private async backoff(attempt: number, reason: string): Promise<boolean> {
    if (attempt >= MAX_ATTEMPTS || this.observer.stopping()) return false;
    this.observer.onRetry(reason);
    await sleep(Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt));
    return true;
  }

  private async reason(response: Response): Promise<string> {
    const parsed = (await response.json().catch(() => ({}))) as ErrorBody;
    return parsed.error?.message ?? `HTTP ${response.status}`;
  }

  private send(method: string, path: string, body?: unknown, withKey = false): Promise<Response> {
    return fetch(new URL(path, this.baseUrl), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(withKey ? { authorization: `Bearer ${this.apiKey}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
  }
}
