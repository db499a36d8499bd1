import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadShellIdentity, saveShellIdentity, shellIdentityFile } from '../../src/cli/shell-identity';

const TOKEN = 'k'.repeat(32);

describe('the browser shell’s token and port kept beside the cache', () => {
  it('gives the next launch the token and port of the last, in a file only this user reads', () => {
    const cache = join(mkdtempSync(join(tmpdir(), 'pingan-identity-')), 'cache.db');
    saveShellIdentity(cache, { token: TOKEN, port: 43_210 });
    expect(loadShellIdentity(cache)).toEqual({ token: TOKEN, port: 43_210 });
    expect(statSync(shellIdentityFile(cache)).mode & 0o777).toBe(0o600);
  });

  const unusable: [string, string | undefined][] = [
    ['no file', undefined],
    ['not JSON', '{token'],
    ['a token too short to guess at', JSON.stringify({ token: 'short', port: 43_210 })],
    ['a port out of range', JSON.stringify({ token: TOKEN, port: 70_000 })],
    ['no port', JSON.stringify({ token: TOKEN })],
  ];
  it.each(unusable)('makes a fresh token and leaves the port free when the file has %s', (_, content) => {
    const cache = join(mkdtempSync(join(tmpdir(), 'pingan-identity-')), 'cache.db');
    if (content !== undefined) writeFileSync(shellIdentityFile(cache), content);
    const identity = loadShellIdentity(cache);
    expect(identity.port).toBeUndefined();
    expect(identity.token).not.toBe(TOKEN);
    expect(identity.token.length).toBeGreaterThanOrEqual(32);
  });
});
