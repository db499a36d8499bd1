import { transformEntityPersonalData, transformEventPersonalData } from '../../domain';
import { PersonalDataSeal, fieldSeal } from '../../gm';
import type { StoreDialect } from './dialect';

/**
 * Personal data at the store's edge: sealed as events and entities are written, opened as they are read, so
 * the database holds no ID number or phone in plain text while everything above the store (the projector, the
 * stream, snapshots, the checksum) sees them whole. The key comes from the hub's key file, never the database.
 */
export interface PersonalDataCodec {
  sealPayload(type: string, payload: unknown): unknown;
  openPayload(type: string, payload: unknown): unknown;
  sealDoc(kind: string, doc: unknown): unknown;
  openDoc(kind: string, doc: unknown): unknown;
}

/** For a store opened without the key (account administration): fields are written and read as they are. */
const AS_THEY_ARE: PersonalDataCodec = {
  sealPayload: (_type, payload) => payload,
  openPayload: (_type, payload) => payload,
  sealDoc: (_kind, doc) => doc,
  openDoc: (_kind, doc) => doc,
};

export function personalDataCodec(key: Uint8Array | undefined): PersonalDataCodec {
  if (!key) return AS_THEY_ARE;
  const field = fieldSeal(new PersonalDataSeal(key));
  return {
    sealPayload: (type, payload) => transformEventPersonalData(type, payload, field.seal),
    openPayload: (type, payload) => transformEventPersonalData(type, payload, field.open),
    sealDoc: (kind, doc) => transformEntityPersonalData(kind, doc, field.seal),
    openDoc: (kind, doc) => transformEntityPersonalData(kind, doc, field.open),
  };
}

/** How stored rows are read back: the dialect's JSON, then the personal fields opened. */
export interface RowCodec {
  readJson: StoreDialect['readJson'];
  personal: PersonalDataCodec;
}
