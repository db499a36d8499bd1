export { gm, opensslHasGm, opensslPrimitives, pureJsPrimitives, type GmPrimitives } from './providers';
export { PersonalDataSeal, SealError, isSealed } from './seal';
