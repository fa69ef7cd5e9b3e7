import 'reflect-metadata';
import { loadConfig, migrateService } from '@rackeval/platform';
import { ResultsConfig } from './config';
import { resultsService } from './service';

const config = loadConfig(ResultsConfig);
migrateService(config, resultsService(config))
  .then((applied) => process.stdout.write(`results: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`results migrations failed: ${error.message}\n`);
    process.exit(1);
  });
