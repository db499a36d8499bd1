export { gm, opensslHasGm, opensslPrimitives, pureJsPrimitives, type GmPrimitives } from './providers';
export { PersonalDataSeal, SealError, fieldSeal, isSealed, type FieldSeal } from './seal';
