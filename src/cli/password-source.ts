import { readFileSync } from 'node:fs';

/**
 * An account's password for a command that signs in to the hub, never from the command line (where `ps` and
 * shell history show it to everyone on the machine): from a file readable by its owner, or PINGAN_PASSWORD.
 */
export function passwordFrom(passwordFile: string | undefined): string | undefined {
  if (passwordFile) {
    const [firstLine] = readFileSync(passwordFile, 'utf8').split(/\r?\n/);
    if (!firstLine) throw new Error(`--password-file ${passwordFile}: the file is empty`);
    return firstLine;
  }
  return process.env.PINGAN_PASSWORD || undefined;
}

export const PASSWORD_FILE_OPTION = [
  '--password-file <file>',
  "a file holding the account's password (or set PINGAN_PASSWORD; never give it on the command line)",
] as const;
