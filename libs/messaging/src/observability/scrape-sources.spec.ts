import { Gauge, register } from 'prom-client';
import { ScrapeSources } from './scrape-sources';

describe('ScrapeSources', () => {
  const gauge = new Gauge({ name: 'scrape_sources_spec', help: 'test', labelNames: ['service'], registers: [] });
  const values = async () => (await gauge.get()).values.map(({ labels, value }) => [labels.service, value]);
  const errors = async (collector: string) =>
    (await register.getSingleMetric('rackeval_metrics_collection_errors_total')!.get()).values.find((v) => v.labels.collector === collector)
      ?.value ?? 0;

  it('reads every source once per ttl, however many gauges it fills', async () => {
    const sut = new ScrapeSources<{ service: string; n: number }>('spec-cache', 60_000, 1_000);
    const read = jest.fn(async () => [{ service: 'intake', n: 3 }]);
    sut.add(read);
    await sut.fill(gauge, (row) => ({ labels: { service: row.service }, value: row.n }));
    await sut.fill(gauge, (row) => ({ labels: { service: row.service }, value: row.n * 2 }));
    expect(read).toHaveBeenCalledTimes(1);
    expect(await values()).toEqual([['intake', 6]]);
  });

  it('leaves out a source that fails or does not answer in time, counts it, and keeps the others', async () => {
    const sut = new ScrapeSources<{ service: string; n: number }>('spec-failure', 0, 50);
    sut.add(async () => [{ service: 'results', n: 1 }]);
    sut.add(() => Promise.reject(new Error('database away')));
    sut.add(() => new Promise(() => undefined));
    await sut.fill(gauge, (row) => ({ labels: { service: row.service }, value: row.n }));
    expect(await values()).toEqual([['results', 1]]);
    expect(await errors('spec-failure')).toBe(2);
  });

  it('forgets a removed source at the next read', async () => {
    const sut = new ScrapeSources<{ service: string; n: number }>('spec-remove', 60_000, 1_000);
    const remove = sut.add(async () => [{ service: 'gone', n: 1 }]);
    await sut.fill(gauge, (row) => ({ labels: { service: row.service }, value: row.n }));
    remove();
    await sut.fill(gauge, (row) => ({ labels: { service: row.service }, value: row.n }));
    expect(await values()).toEqual([]);
  });
});
