export * from './decorators';
export * from './text';
export * from './utc-instant';
