import type { z } from 'zod';
import { INGEST_ENDPOINTS, type IngestBody, type IngestPath } from '../../protocol/ingest';
import type { CommandHandler } from '../commands';
import type { RegionIndex } from '../region-index';
import type { ApiKeyRecord, HubStore } from '../store';
import { acknowledgements } from './acknowledgements';
import { acceptBatch, type IngestContext, type IngestResult } from './endpoint';
import {
  forcePositions,
  hotlineTickets,
  monitoringAlarms,
  monitoringStatus,
  reports,
} from './field-endpoints';
import { videoSources } from './video-sources';
import { IngestError } from './refusal';

export { IngestError } from './refusal';
export type { IngestResult } from './endpoint';

/** Each path's body schema (from the shared protocol) with how the hub checks and commits what it names. */
const ENDPOINTS: { [P in IngestPath]: (ctx: IngestContext, body: IngestBody<P>) => Promise<IngestResult> } = {
  '/api/v1/reports': acceptBatch(reports),
  '/api/v1/hotline/tickets': acceptBatch(hotlineTickets),
  '/api/v1/monitoring/status': acceptBatch(monitoringStatus),
  '/api/v1/monitoring/alarms': acceptBatch(monitoringAlarms),
  '/api/v1/monitoring/video-sources': acceptBatch(videoSources),
  '/api/v1/forces/positions': acceptBatch(forcePositions),
  '/api/v1/orders/acknowledgements': acceptBatch(acknowledgements),
};

function bodyProblems(error: z.ZodError): string[] {
  return error.issues
    .slice(0, 50)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`);
}

/**
 * Validates and stores what the field sends: the body is parsed against its endpoint's schema, every item
 * is checked against the region and the key's jurisdiction before anything is written, and a batch is
 * stored in one transaction, whole or not at all. Lifecycle actions (acknowledgements) go through the
 * command rules.
 */
export class IngestService {
  constructor(
    private readonly store: HubStore,
    private readonly region: RegionIndex,
    private readonly commands: CommandHandler,
    private readonly onCommitted: (seqs: number[]) => void,
  ) {}

  /** Stores a batch sent to `path`, or throws an IngestError saying why nothing of it was stored. */
  async accept<P extends IngestPath>(path: P, key: ApiKeyRecord, body: unknown): Promise<IngestResult> {
    const parsed = INGEST_ENDPOINTS[path].schema.safeParse(body);
    if (!parsed.success) {
      throw new IngestError(
        400,
        'invalid-body',
        bodyProblems(parsed.error),
        'the body does not match the schema',
      );
    }
    const ctx: IngestContext = {
      store: this.store,
      region: this.region,
      commands: this.commands,
      key,
      onCommitted: this.onCommitted,
    };
    return ENDPOINTS[path](ctx, parsed.data as IngestBody<P>);
  }
}
