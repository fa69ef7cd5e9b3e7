/**
 * The four services whose OpenAPI documents are written to libs/contracts/openapi/. Each module is
 * built with its configuration's defaults: only its controllers are read, nothing connects.
 */
import type { DynamicModule } from '@nestjs/common';
import { AppModule as IntakeModule } from '../../apps/intake/src/app.module';
import { IntakeConfig } from '../../apps/intake/src/config';
import { AppModule as PurchaseOptionModule } from '../../apps/purchase-option/src/app.module';
import { PurchaseOptionConfig } from '../../apps/purchase-option/src/config';
import { AppModule as ResultsModule } from '../../apps/results/src/app.module';
import { ResultsConfig } from '../../apps/results/src/config';
import { AppModule as TestRunModule } from '../../apps/test-run/src/app.module';
import { TestRunConfig } from '../../apps/test-run/src/config';

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
  { name: 'intake', title: 'rackeval intake', module: () => IntakeModule.register(offline(IntakeConfig, 'intake')) },
  { name: 'test-run', title: 'rackeval test-run', module: () => TestRunModule.register(offline(TestRunConfig, 'test-run')) },
  { name: 'results', title: 'rackeval results', module: () => ResultsModule.register(offline(ResultsConfig, 'results')) },
  {
    name: 'purchase-option',
    title: 'rackeval purchase-option',
    module: () => PurchaseOptionModule.register(offline(PurchaseOptionConfig, 'purchase-option')),
  },
];
