import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { gm } from '../../gm';

/**
 * Who may read `/metrics`. The counters say how busy the centre is, which sources send, what is refused:
 * beyond loopback only a scraper holding the metrics token may read them. The token comes from the hub's
 * configuration, else `PINGAN_METRICS_TOKEN`, else the file `metrics-token` in the hub's keys directory;
 * a hub listening beyond loopback with none of them writes a fresh one there (readable by its user only).
 * On loopback with no token configured the metrics stay open, for the operator's own machine.
 */
export const METRICS_TOKEN_ENV = 'PINGAN_METRICS_TOKEN';
export const METRICS_TOKEN_FILE = 'metrics-token';

/** Whether `host` reaches this machine only: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function readTokenFile(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const token = readFileSync(file, 'utf8').trim();
  return token.length > 0 ? token : undefined;
}

function writeTokenFile(file: string): string {
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { flag: 'wx', mode: 0o600 });
  chmodSync(file, 0o600);
  return token;
}

/** The token `/metrics` requires, or undefined when it is open (loopback, none configured). */
export function resolveMetricsToken(options: {
  configured: string | undefined;
  keysDir: string;
  host: string;
}): string | undefined {
  const file = join(options.keysDir, METRICS_TOKEN_FILE);
  const given = options.configured ?? process.env[METRICS_TOKEN_ENV] ?? readTokenFile(file);
  if (given !== undefined && given.trim().length > 0) return given.trim();
  return isLoopback(options.host) ? undefined : writeTokenFile(file);
}

/** Compares by digest, in constant time, so the answer's timing says nothing of the token. */
export function metricsTokenMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (text: string) => gm.sm3(Buffer.from(text, 'utf8'));
  return timingSafeEqual(digest(given), digest(expected));
}
