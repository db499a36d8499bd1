import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passwordFrom } from '../../src/cli/password-source';

describe('where a command that signs in reads its password', () => {
  const saved = process.env.PINGAN_PASSWORD;
  afterEach(() => {
    if (saved === undefined) delete process.env.PINGAN_PASSWORD;
    else process.env.PINGAN_PASSWORD = saved;
  });

  it('reads the first line of a password file, then the environment', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pingan-pw-')), 'password');
    writeFileSync(file, 'Correct-Horse-9\nignored\n', { mode: 0o600 });
    process.env.PINGAN_PASSWORD = 'from-the-environment';
    expect(passwordFrom(file)).toBe('Correct-Horse-9');
    expect(passwordFrom(undefined)).toBe('from-the-environment');
    delete process.env.PINGAN_PASSWORD;
    expect(passwordFrom(undefined)).toBeUndefined();
  });

  it('refuses an empty password file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pingan-pw-')), 'password');
    writeFileSync(file, '\n');
    expect(() => passwordFrom(file)).toThrow(/the file is empty/);
  });

  it.each(['desktop', 'sync'])(
    'offers no way to give a password on the command line of pingan %s',
    (command) => {
      const help = execFileSync(process.execPath, ['bin/pingan.js', command, '--help'], { encoding: 'utf8' });
      expect(help).toContain('--password-file');
      expect(help).not.toMatch(/--password </);
    },
  );
});
