import 'reflect-metadata';
import { databaseOptions, loadConfig, runMigrations } from '@rackeval/platform';
import { PurchaseOptionConfig } from './config';
import { purchaseOptionService } from './service';

const config = loadConfig(PurchaseOptionConfig);
runMigrations(databaseOptions(config, purchaseOptionService(config)))
  .then((applied) => process.stdout.write(`purchase-option: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`purchase-option migrations failed: ${error.message}\n`);
    process.exit(1);
  });
