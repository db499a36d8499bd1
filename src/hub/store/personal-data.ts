import type { PersonalDataCodec } from '../../gm';
import type { StoreDialect } from './dialect';

/**
 * How stored rows are read back: the dialect's JSON, then the personal fields opened with the key from the
 * hub's key file (never from the database).
 */
export interface RowCodec {
  readJson: StoreDialect['readJson'];
  personal: PersonalDataCodec;
}
