import { createHash } from 'node:crypto';
import { checksumLines } from '../domain';
import type { EntityRecord } from './store';

/** SHA-256 over the canonical lines of the state, as the desktop cache computes it. */
export function stateChecksum(entities: readonly EntityRecord[]): string {
  const hash = createHash('sha256');
  for (const line of checksumLines(entities)) hash.update(`${line}\n`);
  return hash.digest('hex');
}
