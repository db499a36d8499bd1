export { gm, opensslHasGm, opensslPrimitives, pureJsPrimitives, type GmPrimitives } from './providers';
export { PersonalDataSeal, SealError, fieldSeal, isSealed, type FieldSeal } from './seal';
export { PERSONAL_DATA_AS_IS, personalDataCodec, type PersonalDataCodec } from './personal-data';
