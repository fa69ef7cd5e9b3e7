import 'reflect-metadata';
import { bootstrapGateway } from './bootstrap';
import { loadGatewayConfig } from './config';

// A bad configuration stops the gateway with the same one-line message as a failed start.
Promise.resolve()
  .then(() => bootstrapGateway(loadGatewayConfig()))
  .catch((error: Error) => {
    process.stderr.write(`gateway failed to start: ${error.message}\n`);
    process.exit(1);
  });
