import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const shellIdentitySchema = z.object({
  token: z.string().min(32),
  port: z.number().int().min(1).max(65_535),
});
export type ShellIdentity = z.infer<typeof shellIdentitySchema>;

/**
 * Where the browser shell keeps its token and port beside its cache, readable by this user only. A wall's
 * page keeps both when the desktop is restarted, so it reconnects by itself instead of waiting for someone
 * to open the new address.
 */
export function shellIdentityFile(cacheFile: string): string {
  return `${cacheFile}.shell.json`;
}

/** The identity the last run used, or a fresh token (and no port) when there is none or it is unreadable. */
export function loadShellIdentity(cacheFile: string): { token: string; port: number | undefined } {
  const file = shellIdentityFile(cacheFile);
  if (existsSync(file)) {
    try {
      const saved = shellIdentitySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (saved.success) return saved.data;
    } catch {
      // An unreadable file is replaced below, with a token nobody has seen.
    }
  }
  return { token: randomBytes(24).toString('base64url'), port: undefined };
}

export function saveShellIdentity(cacheFile: string, identity: ShellIdentity): void {
  const file = shellIdentityFile(cacheFile);
  writeFileSync(file, `${JSON.stringify(identity)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}
