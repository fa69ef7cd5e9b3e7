import 'reflect-metadata';
import { databaseOptions, loadConfig, runMigrations } from '@rackeval/platform';
import { ResultsConfig } from './config';
import { resultsService } from './service';

const config = loadConfig(ResultsConfig);
runMigrations(databaseOptions(config, resultsService(config)))
  .then((applied) => process.stdout.write(`results: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`results migrations failed: ${error.message}\n`);
    process.exit(1);
  });
