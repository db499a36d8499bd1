import { chinaDayOf } from '../../domain';
import { wording, WordedError } from '../../domain/wording';
import { auditPageSchema, type AuditPage, type AuditQuery } from '../../protocol';
import type { AuditFilter, AuditRecordView, AuditSearchInput } from '../contract/audit';

// The contract declares the audit shapes again (it stays free of the wire): each must take what the other gives.
type Agrees<T extends true> = T;
export type RecordsAgree = Agrees<AuditPage['records'][number] extends AuditRecordView ? true : false>;
export type QueriesAgree = Agrees<AuditSearchInput extends AuditQuery ? true : false>;

/** The access token of the session with the hub, fresh: the audit API answers only the audit administrator. */
export interface HubAccess {
  readonly hubUrl: string;
  accessToken(): Promise<string>;
}

export interface AuditExport {
  fileName: string;
  mimeType: string;
  content: string;
}

/** The query as the hub's URL carries it: each filter given, nothing for those left out. */
function searchParams(query: AuditFilter & Partial<AuditQuery>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  return params;
}

/** The file name the hub gave the export, or one of the China day it was made. */
function exportFileName(response: Response, now: number): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) return decodeURIComponent(encoded);
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  return plain ?? `审计日志-${chinaDayOf(now)}.csv`;
}

/**
 * The hub's audit API (`GET /api/v1/audit`, `GET /api/v1/audit/export`), asked with the session's token. The
 * trail stays on the hub: the desktop neither caches nor keeps it, and the hub records each export itself.
 */
export class AuditClient {
  constructor(private readonly hub: HubAccess) {}

  private async get(path: string, query: AuditFilter & Partial<AuditQuery>): Promise<Response> {
    let response: Response;
    try {
      const url = new URL(path, this.hub.hubUrl);
      url.search = searchParams(query).toString();
      response = await fetch(url, { headers: { authorization: `Bearer ${await this.hub.accessToken()}` } });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WordedError(wording('hubUnreachable', {}, `the audit API could not be reached: ${reason}`));
    }
    if (response.ok) return response;
    await response.body?.cancel();
    if (response.status === 401 || response.status === 403) {
      throw new WordedError(
        wording('roleMayNotSee', { permission: 'read-audit' }, `the hub refused ${path}: ${response.status}`),
      );
    }
    throw new WordedError(wording('hubUnavailable', {}, `the hub answered ${path} with ${response.status}`));
  }

  /** A page of the trail, newest first. */
  async search(query: AuditSearchInput): Promise<AuditPage> {
    const response = await this.get('/api/v1/audit', query);
    const page = auditPageSchema.safeParse(await response.json().catch(() => null));
    if (!page.success) {
      throw new WordedError(
        wording('hubUnavailable', {}, `the hub's audit page is malformed: ${page.error.message}`),
      );
    }
    return page.data;
  }

  /** The trail under the same filters as CSV, as the hub wrote it. */
  async export(filter: AuditFilter, now: number): Promise<AuditExport> {
    const response = await this.get('/api/v1/audit/export', filter);
    return {
      fileName: exportFileName(response, now),
      mimeType: 'text/csv;charset=utf-8',
      // Byte for byte, the byte-order mark included: `text()` would drop it, and spreadsheets need it for Chinese.
      content: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()),
    };
  }
}
