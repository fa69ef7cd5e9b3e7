export * from './client';
export * from './schemas';
export * from './vocabulary';
export type { Middleware } from 'openapi-fetch';
