import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@rackeval/platform';
import { AppModule } from './app.module';
import { TestRunConfig } from './config';
import { testRunService } from './service';

async function main(): Promise<void> {
  const config = loadConfig(TestRunConfig);
  await bootstrapService({ ...testRunService(config), title: 'rackeval test-run', module: AppModule.register(config) });
}

main().catch((error: Error) => {
  process.stderr.write(`test-run failed to start: ${error.message}\n`);
  process.exit(1);
});
