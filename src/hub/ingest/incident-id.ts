import { randomBytes } from 'node:crypto';
import { chinaDayOf } from '../../domain';

const BASE32 = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * Short enough to read out on the phone: the China day it was reported on (UTC+8, so a report at 01:30 in
 * Dali is numbered with that day, not the UTC one before) and six random characters.
 */
export function newIncidentId(at: string): string {
  const day = chinaDayOf(Date.parse(at)).replaceAll('-', '');
  const suffix = Array.from(randomBytes(6), (byte) => BASE32[byte % BASE32.length]).join('');
  return `${day}-${suffix}`;
}
