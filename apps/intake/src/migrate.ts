import 'reflect-metadata';
import { loadConfig, migrateService } from '@rackeval/platform';
import { IntakeConfig } from './config';
import { intakeService } from './service';

const config = loadConfig(IntakeConfig);
migrateService(config, intakeService(config))
  .then((applied) => process.stdout.write(`intake: ${applied.length ? `applied ${applied.join(', ')}` : 'schema up to date'}\n`))
  .catch((error: Error) => {
    process.stderr.write(`intake migrations failed: ${error.message}\n`);
    process.exit(1);
  });
