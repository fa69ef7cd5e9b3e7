import 'reflect-metadata';
import { loadConfig, migrateService } from '@rackeval/platform';
import { TestRunConfig } from './config';
import { testRunService } from './service';

const config = loadConfig(TestRunConfig);
migrateService(config, testRunService(config))
  .then((applied) => process.stdout.write(`test-run: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`test-run migrations failed: ${error.message}\n`);
    process.exit(1);
  });
