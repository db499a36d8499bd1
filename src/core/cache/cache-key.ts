import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const KEY_BYTES = 32;

/** Beside the cache, like the browser shell's token file: `cache.db` → `cache.db.key`. */
export function cacheKeyFile(cacheFile: string): string {
  return `${cacheFile}.key`;
}

/**
 * The key that seals personal data in the cache, from its own file readable by this user only (made on
 * first use), so a copied cache database carries no key. A file that holds no key is replaced: the cache
 * then finds itself sealed with another key and starts over from the hub (see LocalCache). An in-memory
 * cache, gone when the process ends, gets a key of its own that nothing keeps.
 */
export function loadCacheKey(cacheFile: string): Buffer {
  if (cacheFile === ':memory:') return randomBytes(KEY_BYTES);
  const file = cacheKeyFile(cacheFile);
  const saved = existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  if (/^[0-9a-f]{64}$/i.test(saved)) return Buffer.from(saved, 'hex');
  const key = randomBytes(KEY_BYTES);
  writeFileSync(file, `${key.toString('hex')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return key;
}
