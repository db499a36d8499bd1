import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gm } from '../gm';
import type { HubStore } from './store';

/**
 * The hub's two keys, kept in files outside the database (密评 asks that a stolen database not carry its own
 * keys): the audit trail's HMAC-SM3 key, which makes an edited or deleted record detectable, and the SM4 key
 * that seals personal data at rest. Every hub on one database must read the same files.
 */
export interface HubKeys {
  audit: Buffer;
  personalData: Buffer;
  /** Where they were read from, for messages. */
  dir: string;
}

const KEY_FILES = { audit: 'audit.key', personalData: 'personal-data.key' } as const;
const KEY_BYTES = 32;
const FINGERPRINT_SETTING = 'keys-fingerprint';

export class HubKeyError extends Error {}

/** Beside an embedded database (`data/hub.db` → `data/hub.db.keys/`); for PostgreSQL, `./data/keys/`. */
export function defaultKeysDir(db: string): string {
  const sqliteFile = /^postgres(ql)?:\/\//.test(db) ? undefined : db.replace(/^sqlite:/, '');
  if (sqliteFile && sqliteFile !== ':memory:') return `${resolve(sqliteFile)}.keys`;
  return resolve('data/keys');
}

function createKeyUnlessThere(file: string): void {
  try {
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (error) {
    // Another hub starting on the same directory wrote it first: read that one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function readKey(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new HubKeyError(`there is no key at ${file}`);
    throw error;
  }
  if (!/^[0-9a-f]{64}$/i.test(text))
    throw new HubKeyError(`${file} does not hold a key: it should be ${KEY_BYTES} bytes as 64 hex digits`);
  return Buffer.from(text, 'hex');
}

/**
 * Reads the keys in `dir`, making any that is missing (readable by this user only) unless `create` is false:
 * checking a trail with a key made up on the spot would only report every record as forged.
 */
export function loadHubKeys(dir: string, { create = true } = {}): HubKeys {
  if (create) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    for (const file of Object.values(KEY_FILES)) createKeyUnlessThere(join(dir, file));
  }
  return {
    audit: readKey(join(dir, KEY_FILES.audit)),
    personalData: readKey(join(dir, KEY_FILES.personalData)),
    dir,
  };
}

/** What the database remembers of its keys: a keyed digest that proves which keys they were, not the keys. */
function fingerprint(keys: HubKeys): string {
  const check = Buffer.from('pingan-hub-keys', 'utf8');
  return [gm.hmacSm3(keys.audit, check), gm.hmacSm3(keys.personalData, check)]
    .map((digest) => digest.subarray(0, 8).toString('hex'))
    .join(':');
}

/**
 * Refuses keys other than those the database was first written with: new keys would make every audit record
 * look forged and every sealed ID number unreadable, so a hub given the wrong directory stops at once instead.
 */
export async function checkKeysMatch(store: HubStore, keys: HubKeys): Promise<void> {
  const mine = fingerprint(keys);
  await store.transaction((tx) => tx.initSetting(FINGERPRINT_SETTING, mine));
  const theirs = await store.getSetting(FINGERPRINT_SETTING);
  if (theirs !== mine)
    throw new HubKeyError(
      `the keys in ${keys.dir} are not the ones this hub database was written with; ` +
        `give the hub the directory holding its audit.key and personal-data.key (--keys DIR)`,
    );
}
