import { SERVICES } from '@rackeval/testing';
import { systemPerFile } from './support/system';

describe('the whole system', () => {
  const sut = systemPerFile();

  it.each(SERVICES)('%s runs from its own main.ts, healthy, answering in the common error shape', async (name) => {
    const health = await fetch(`${sut.system.url(name)}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, kafka: { status: 'up' } } });
    const unknown = await fetch(`${sut.system.url(name)}/v1/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it.each(SERVICES)('%s serves Prometheus metrics and its OpenAPI description without a token', async (name) => {
    const metrics = await fetch(`${sut.system.url(name)}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('process_cpu_seconds_total');
    const docs = await fetch(`${sut.system.url(name)}/docs-json`);
    expect(docs.status).toBe(200);
    expect(((await docs.json()) as { paths: object }).paths).toHaveProperty(['/health']);
  });

  it.each(SERVICES)('%s echoes the caller correlation id, or gives one', async (name) => {
    const echoed = await fetch(`${sut.system.url(name)}/health`, { headers: { 'x-correlation-id': 'corr-123' } });
    expect(echoed.headers.get('x-correlation-id')).toBe('corr-123');
    const given = await fetch(`${sut.system.url(name)}/health`);
    expect(given.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
