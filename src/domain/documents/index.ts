export * from './official-document';
export * from './outstanding-risks';
export * from './risk-warning-letter';
export * from './supervision-notice';
