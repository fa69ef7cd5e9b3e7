import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@rackeval/platform';
import { AppModule } from './app.module';
import { ResultsConfig } from './config';
import { resultsService } from './service';

async function main(): Promise<void> {
  const config = loadConfig(ResultsConfig);
  await bootstrapService({ ...resultsService(config), title: 'rackeval results', module: AppModule.register(config) });
}

main().catch((error: Error) => {
  process.stderr.write(`results failed to start: ${error.message}\n`);
  process.exit(1);
});
