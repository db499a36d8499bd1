import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDITED_ACTIONS } from '../../src/domain';

/** Every TypeScript file of the hub, recursively. */
function hubSources(dir = join(__dirname, '../../src/hub')): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return hubSources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The action codes the hub's code writes as literals: `action: 'auth.login'`, `'account.disabled', async`. */
function writtenActions(source: string): string[] {
  const literal = /action: '([a-z-]+(?:\.[a-z-]+)?)'|\(\s*actor,\s*name,\s*'([a-z-]+\.[a-z-]+)'/g;
  return [...source.matchAll(literal)].map((match) => match[1] ?? match[2]!);
}

describe('the audited actions the domain lists are the ones the hub records', () => {
  const written = new Set(hubSources().flatMap((file) => writtenActions(readFileSync(file, 'utf8'))));

  it('finds the hub writing actions at all', () => {
    expect(written.size).toBeGreaterThan(10);
  });

  it.each([...written])('the hub records %s, and the domain lists it', (action) => {
    expect(AUDITED_ACTIONS as readonly string[]).toContain(action);
  });

  it.each(AUDITED_ACTIONS.filter((action) => action !== 'command'))(
    '%s is recorded somewhere in the hub',
    (action) => {
      expect([...written]).toContain(action);
    },
  );
});
