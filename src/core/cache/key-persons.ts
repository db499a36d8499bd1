import type Database from 'better-sqlite3';
import type { KeyPerson } from '../../domain';
import type { PersonalDataCodec } from '../../gm';

/**
 * Every key-person record the cache holds in `scope`, taken off the list or not. Only a cache synced by an
 * account allowed to see them holds any: the hub withholds them from the others. ID numbers and phones are
 * opened from their sealed form.
 */
export function keyPersonsIn(db: Database.Database, personal: PersonalDataCodec, scope: string): KeyPerson[] {
  const docs = db
    .prepare("SELECT doc FROM entities WHERE kind = 'key-person' AND jurisdiction LIKE ? ORDER BY id")
    .pluck()
    .all(`${scope}%`) as string[];
  return docs.map((doc) => personal.openDoc('key-person', JSON.parse(doc)) as KeyPerson);
}
