/**
 * The four services whose OpenAPI documents are written to libs/contracts/openapi/. Each module is
 * built with its configuration's defaults: only its controllers are read, nothing connects.
 */
import type { DynamicModule } from '@nestjs/common';

export interface DocumentedService {
  name: 'intake' | 'test-run' | 'results' | 'purchase-option';
  /** As in the service's main.ts, so the file equals what `/docs-json` serves. */
  title: string;
  module: () => DynamicModule;
}

/** Defaults of a configuration class plus the two settings without one (never used to connect). */
function offline<T extends object>(schema: new () => T, name: string): T {
  return Object.assign(new schema(), { DATABASE_URL: 'postgres://openapi@127.0.0.1/none', DATABASE_SCHEMA: name.replace('-', '_') });
}

export const DOCUMENTED_SERVICES: DocumentedService[] = [
  {
    name: 'intake',
    title: 'rackeval intake',
    module: () => {
      const { AppModule } = require('../../apps/intake/src/app.module');
      const { IntakeConfig } = require('../../apps/intake/src/config');
      return AppModule.register(offline(IntakeConfig, 'intake'));
    },
  },
  {
    name: 'test-run',
    title: 'rackeval test-run',
    module: () => {
      const { AppModule } = require('../../apps/test-run/src/app.module');
      const { TestRunConfig } = require('../../apps/test-run/src/config');
      return AppModule.register(offline(TestRunConfig, 'test-run'));
    },
  },
  {
    name: 'results',
    title: 'rackeval results',
    module: () => {
      const { AppModule } = require('../../apps/results/src/app.module');
      const { ResultsConfig } = require('../../apps/results/src/config');
      return AppModule.register(offline(ResultsConfig, 'results'));
    },
  },
  {
    name: 'purchase-option',
    title: 'rackeval purchase-option',
    module: () => {
      const { AppModule } = require('../../apps/purchase-option/src/app.module');
      const { PurchaseOptionConfig } = require('../../apps/purchase-option/src/config');
      return AppModule.register(offline(PurchaseOptionConfig, 'purchase-option'));
    },
  },
];
