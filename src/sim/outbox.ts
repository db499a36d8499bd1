import type { IngestPath } from '../protocol/ingest';
import type { HubHttp } from './hub-http';

export interface OutboxObserver {
  onSent(count: number): void;
  onRejected(path: string, count: number, reason: string): void;
  onDropped(count: number): void;
}

/**
 * Telemetry for one ingest endpoint, sent in order, one request at a time, in batches as large as the
 * endpoint takes. If the hub falls behind, the oldest readings are dropped: a stale camera status or
 * position is worth less than a current one.
 */
export class Outbox<T> {
  private readonly queue: T[] = [];
  private sending: Promise<void> | undefined;

  constructor(
    private readonly http: HubHttp,
    private readonly path: IngestPath,
    private readonly wrap: (items: T[]) => unknown,
    private readonly observer: OutboxObserver,
    private readonly maxBatch = 2000,
    private readonly maxBacklog = 50_000,
  ) {}

  push(items: readonly T[]): void {
    if (items.length === 0) return;
    this.queue.push(...items);
    const excess = this.queue.length - this.maxBacklog;
    if (excess > 0) {
      this.queue.splice(0, excess);
      this.observer.onDropped(excess);
    }
    this.sending ??= this.pump().finally(() => (this.sending = undefined));
  }

  /** Resolves when everything queued so far has been sent (or refused). */
  async drained(): Promise<void> {
    while (this.sending) await this.sending;
  }

  private async pump(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const reply = await this.http.ingest(this.path, this.wrap(batch));
        if (reply.ok) this.observer.onSent(batch.length);
        else this.observer.onRejected(this.path, batch.length, `${reply.code}: ${reply.message}`);
      } catch (error) {
        this.observer.onRejected(this.path, batch.length, (error as Error).message);
      }
    }
  }
}
