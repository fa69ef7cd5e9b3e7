import { TestTokens } from '@rackeval/auth';
import { deleteTestTopics, RunningService, startTestService } from '@rackeval/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { PurchaseOptionConfig } from '../src/config';
import { purchaseOptionService } from '../src/service';

describe('purchase-option service skeleton', () => {
  let tokens: TestTokens;
  let sut: RunningService<PurchaseOptionConfig>;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    sut = await startTestService(
      { name: 'purchase-option', configClass: PurchaseOptionConfig, definition: purchaseOptionService, module: (config) => AppModule.register(config) },
      { publicKeyFile: tokens.publicKeyFile },
    );
  });

  afterAll(async () => {
    await sut?.close();
    await deleteTestTopics();
  });

  it('reports PostgreSQL and Kafka healthy', async () => {
    const response = await request(sut.url).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.info.postgres.status).toBe('up');
    expect(response.body.info.kafka.status).toBe('up');
  });

  it('serves Prometheus metrics and OpenAPI without a token', async () => {
    const metrics = await request(sut.url).get('/metrics').expect(200);
    expect(metrics.text).toContain('process_cpu_seconds_total');
    await request(sut.url).get('/docs-json').expect(200);
  });

  it('echoes the caller correlation id', async () => {
    const response = await request(sut.url).get('/health').set('x-correlation-id', 'corr-123');
    expect(response.headers['x-correlation-id']).toBe('corr-123');
  });
});
