import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DesktopCore } from '../../../src/core/desktop-core';
import type { SessionStatus } from '../../../src/core/contract/api';
import { login } from '../../hub/support/hub-harness';

export function tempDir(prefix = 'pingan-core-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The hub's checksum of `scope`, as the stream of `account` (by name; the admin's own without one) holds it. */
export async function adminChecksum(
  hubUrl: string,
  name: string,
  password: string,
  scope?: string,
  account?: string,
) {
  // The system administrator signs in with a second factor, enrolled on the first sign-in.
  const accessToken = await login({ url: hubUrl }, name, password);
  const query = new URLSearchParams({ ...(scope ? { scope } : {}), ...(account ? { account } : {}) });
  const response = await fetch(`${hubUrl}/api/v1/admin/checksum?${query}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return (await response.json()) as { seq: number; checksum: string; entities: number };
}

/** Waits until the core's status satisfies `predicate`. */
export function statusWhere(
  core: DesktopCore,
  predicate: (status: SessionStatus) => boolean,
  timeoutMs = 20_000,
): Promise<SessionStatus> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const status = core.status();
      if (!predicate(status)) return;
      stop();
      clearTimeout(timer);
      resolve(status);
    };
    const stop = core.on('status', check);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting; status ${JSON.stringify(core.status())}`));
    }, timeoutMs);
    check();
  });
}

/** The core holds everything up to the hub's head `seq`. */
export function caughtUpTo(core: DesktopCore, seq: number, timeoutMs = 30_000) {
  return statusWhere(core, (s) => s.connection === 'online' && s.cursor >= seq, timeoutMs);
}
