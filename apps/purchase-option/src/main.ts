import 'reflect-metadata';
import { bootstrapService, loadConfig } from '@rackeval/platform';
import { AppModule } from './app.module';
import { PurchaseOptionConfig } from './config';
import { purchaseOptionService } from './service';

async function main(): Promise<void> {
  const config = loadConfig(PurchaseOptionConfig);
  await bootstrapService({ ...purchaseOptionService(config), title: 'rackeval purchase-option', module: AppModule.register(config) });
}

main().catch((error: Error) => {
  process.stderr.write(`purchase-option failed to start: ${error.message}\n`);
  process.exit(1);
});
