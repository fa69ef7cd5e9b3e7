import { ContractViolationError, EnvelopeError } from '@rackeval/contracts';
import { UnprocessableEventError } from './event-handler';
import { ExponentialBackoff } from './retry-policy';

describe('ExponentialBackoff', () => {
  const sut = new ExponentialBackoff(4, 100, 1_000);

  it('retries a transient failure with growing delays, then gives up after the last attempt', () => {
    const delays = [1, 2, 3].map((attempt) => sut.nextDelay(new Error('database busy'), attempt)!);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeGreaterThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
    expect(delays[2]).toBeGreaterThanOrEqual(200);
    expect(delays[2]).toBeLessThanOrEqual(400);
    expect(sut.nextDelay(new Error('database busy'), 4)).toBeUndefined();
  });

  it('never waits longer than the cap', () => {
    const long = new ExponentialBackoff(50, 100, 1_000);
    expect(long.nextDelay(new Error('x'), 30)).toBeLessThanOrEqual(1_000);
  });

  it.each([
    ['a payload that breaks its contract', new ContractViolationError('t', [])],
    ['a record that is not a CloudEvent', new EnvelopeError('missing headers')],
    ['an event the handler declares unprocessable', new UnprocessableEventError('contradicts the read model')],
  ])('gives up at once on %s', (_, error) => {
    expect(sut.nextDelay(error, 1)).toBeUndefined();
  });

  it.each([
    ['the database restarting (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a serialization failure wrapped by TypeORM', Object.assign(new Error('could not serialize'), { driverError: { code: '40001' } })],
    ['a lock timeout', Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' })],
    ['a pool that cannot connect', new Error('timeout exceeded when trying to connect')],
    ['a broker that went away', Object.assign(new Error('Connection error'), { name: 'KafkaJSConnectionError' })],
  ])('never gives up on %s, however many attempts', (_, error) => {
    const delay = sut.nextDelay(error, 10_000);
    expect(delay).toBeGreaterThan(0);
    expect(delay).toBeLessThanOrEqual(1_000);
  });
});
