export * from './briefing-schema';
export * from './build-briefing';
export * from './period';
export * from './draft-bulletin';
export * from './briefing-targets';
