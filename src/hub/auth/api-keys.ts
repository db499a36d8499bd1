import { createHash, randomBytes } from 'node:crypto';

/** Keys are shown once and stored only as a SHA-256 digest: a stolen database reveals no usable key. */
export function generateApiKey(): string {
  return `pk_${randomBytes(24).toString('base64url')}`;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
