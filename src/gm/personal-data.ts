import {
  transformCommandPersonalData,
  transformEntityPersonalData,
  transformEventPersonalData,
} from '../domain';
import { gm, type GmPrimitives } from './providers';
import { PersonalDataSeal, fieldSeal } from './seal';

/**
 * Personal data at a store's edge (the hub's database, the desktop's cache): sealed as events and entities
 * are written, opened as they are read, so the file holds no ID number or phone in plain text while
 * everything above the store sees them whole.
 */
export interface PersonalDataCodec {
  sealPayload(type: string, payload: unknown): unknown;
  openPayload(type: string, payload: unknown): unknown;
  sealDoc(kind: string, doc: unknown): unknown;
  openDoc(kind: string, doc: unknown): unknown;
  sealCommand<T extends { type: string }>(command: T): T;
  openCommand<T extends { type: string }>(command: T): T;
  /**
   * A keyed digest of a personal value, for finding records by it (a reporter's phone) without keeping it in
   * plain text in an index: equal values give equal digests, and without the key a digest cannot be tried
   * against guesses.
   */
  lookupDigest(value: string): string;
}

/** For a store opened without a key (account administration): fields are written and read as they are. */
export const PERSONAL_DATA_AS_IS: PersonalDataCodec = {
  sealPayload: (_type, payload) => payload,
  openPayload: (_type, payload) => payload,
  sealDoc: (_kind, doc) => doc,
  openDoc: (_kind, doc) => doc,
  sealCommand: (command) => command,
  openCommand: (command) => command,
  lookupDigest: (value) => value,
};

/** The codec of a 32-byte key, from a key file and never from the store it seals. */
export function personalDataCodec(key: Uint8Array, primitives: GmPrimitives = gm): PersonalDataCodec {
  const field = fieldSeal(new PersonalDataSeal(key, primitives));
  // A key of its own for digests, so a digest never reveals anything about the sealing key's use.
  const digestKey = primitives.hmacSm3(key, new TextEncoder().encode('pingan lookup digest'));
  return {
    lookupDigest: (value) =>
      primitives
        .hmacSm3(digestKey, new TextEncoder().encode(value.normalize('NFKC').trim()))
        .toString('base64url'),
    sealPayload: (type, payload) => transformEventPersonalData(type, payload, field.seal),
    openPayload: (type, payload) => transformEventPersonalData(type, payload, field.open),
    sealDoc: (kind, doc) => transformEntityPersonalData(kind, doc, field.seal),
    openDoc: (kind, doc) => transformEntityPersonalData(kind, doc, field.open),
    sealCommand: (command) => transformCommandPersonalData(command, field.seal),
    openCommand: (command) => transformCommandPersonalData(command, field.open),
  };
}
