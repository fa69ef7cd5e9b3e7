import 'reflect-metadata';
import { loadConfig } from '@rackeval/platform';
import { bootstrapGateway } from './bootstrap';
import { GatewayConfig } from './config';

bootstrapGateway(loadConfig(GatewayConfig)).catch((error: Error) => {
  process.stderr.write(`gateway failed to start: ${error.message}\n`);
  process.exit(1);
});
