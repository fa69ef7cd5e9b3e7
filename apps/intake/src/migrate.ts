import 'reflect-metadata';
import { databaseOptions, loadConfig, runMigrations } from '@rackeval/platform';
import { IntakeConfig } from './config';
import { intakeService } from './service';

const config = loadConfig(IntakeConfig);
runMigrations(databaseOptions(config, intakeService(config)))
  .then((applied) => process.stdout.write(`intake: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`intake migrations failed: ${error.message}\n`);
    process.exit(1);
  });
