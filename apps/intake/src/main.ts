import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@rackeval/platform';
import { AppModule } from './app.module';
import { IntakeConfig } from './config';
import { intakeService } from './service';

async function main(): Promise<void> {
  const config = loadConfig(IntakeConfig);
  await bootstrapService({ ...intakeService(config), title: 'rackeval intake', module: AppModule.register(config) });
}

main().catch((error: Error) => {
  process.stderr.write(`intake failed to start: ${error.message}\n`);
  process.exit(1);
});
