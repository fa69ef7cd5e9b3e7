import type { TestTokens } from '@rackeval/auth/testing';
import { TestApi } from '@rackeval/testing';

/**
 * The public API through the gateway (`/api/<service>`), for the set-up steps the tests do not drive
 * through the console (catalogue, delivery, inspection) and for reading state back: the shared test
 * client, generated from the services' OpenAPI documents, signed in with TestTokens.
 */
export class GatewayApi extends TestApi {
  constructor(gatewayUrl: string, tokens: TestTokens) {
    super((service) => `${gatewayUrl}/api/${service}`, tokens);
  }
}

export { eventually, expectStatus } from '@rackeval/testing';
