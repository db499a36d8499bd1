export * from './http';
export * from './stream';
export * from './version';
export * from './audit';
export * from './accounts';
