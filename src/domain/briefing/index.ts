export * from './briefing-schema';
export * from './build-briefing';
