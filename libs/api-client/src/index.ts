// The public API, as its importers use it: the console, the CLI, the end-to-end tests, bench and the tools.
export {
  createApiClients,
  viaGateway,
  type ApiClients,
  type IntakePaths,
  type PurchaseOptionPaths,
  type ResultsPaths,
  type ServiceName,
  type TestRunPaths,
} from './client';
// Friendly names of the generated shapes: each one is imported by a client.
export type * from './schemas';
export type { LiveEvent } from './live-event';
// The sign-in answer, from auth's browser-safe entry (it imports nothing).
export type { IssuedToken } from '@rackeval/auth/vocabulary';
export {
  ABORT_CAUSES,
  BOM_CATEGORIES,
  COMPARATORS,
  COOLING_TYPES,
  CRITERION_CATEGORIES,
  ERROR_CODES,
  INSPECTION_OUTCOMES,
  OPTION_STATES,
  RACK_STATES,
  RMA_STATES,
  ROLES,
  RUN_STATES,
  TERMS_STATUSES,
  type BomCategory,
  type Role,
} from './vocabulary';
export type { Middleware } from 'openapi-fetch';
