import { TestTokens } from '@rackeval/auth';
import { deleteTestTopics, RackevalSystem, SERVICES } from '@rackeval/testing';

describe('the whole system', () => {
  let tokens: TestTokens;
  let system: RackevalSystem;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    system = await RackevalSystem.start({ publicKeyFile: tokens.publicKeyFile });
  });

  afterAll(async () => {
    await system?.stop();
    await deleteTestTopics();
    await tokens.dispose();
  });

  it.each(SERVICES)('%s runs from its own main.ts, healthy, answering in the common error shape', async (name) => {
    const health = await fetch(`${system.url(name)}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
    const unknown = await fetch(`${system.url(name)}/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });
});
