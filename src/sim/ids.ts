import { createHash } from 'node:crypto';

/**
 * Ids the simulator sends are derived from the seed, so a run can be replayed, and from a run tag, so a
 * second run against the same hub is not refused as a replay of the first.
 */
export class RunIds {
  constructor(
    private readonly seed: number,
    private readonly runTag: string,
  ) {}

  /** An external id for the ingest API (at most 100 characters). */
  external(kind: string, ...parts: (string | number)[]): string {
    return [`sim${this.seed}`, this.runTag, kind, ...parts].join('-');
  }

  /** A command id: a GUID (RFC 9562 version 8, the one for custom ids) hashed from the same parts. */
  commandId(...parts: (string | number)[]): string {
    const hex = createHash('sha256')
      .update([this.seed, this.runTag, ...parts].join('/'))
      .digest('hex')
      .slice(0, 32)
      .split('');
    hex[12] = '8';
    hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
