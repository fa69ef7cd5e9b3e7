import 'reflect-metadata';
import { loadConfig, migrateService } from '@rackeval/platform';
import { PurchaseOptionConfig } from './config';
import { purchaseOptionService } from './service';

const config = loadConfig(PurchaseOptionConfig);
migrateService(config, purchaseOptionService(config))
  .then((applied) => process.stdout.write(`purchase-option: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`purchase-option migrations failed: ${error.message}\n`);
    process.exit(1);
  });
