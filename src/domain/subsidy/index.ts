export * from './compute-subsidies';
export * from './month';
export * from './rates';
export * from './subsidy-schema';
