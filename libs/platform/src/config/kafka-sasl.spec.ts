import { kafkaSaslOf } from './kafka-sasl';

describe('kafkaSaslOf', () => {
  it("uses the application's own principal unless KAFKA_SASL_USERNAME names another", () => {
    const config = { KAFKA_SASL_MECHANISM: 'scram-sha-512' as const, KAFKA_SASL_PASSWORD: 'secret' };

    expect(kafkaSaslOf(config, 'rackeval-intake')).toEqual({ mechanism: 'scram-sha-512', username: 'rackeval-intake', password: 'secret' });
    expect(kafkaSaslOf({ ...config, KAFKA_SASL_USERNAME: 'svc-intake' }, 'rackeval-intake')?.username).toBe('svc-intake');
  });

  it('connects without SASL only when the mechanism is none', () => {
    expect(kafkaSaslOf({ KAFKA_SASL_MECHANISM: 'none', KAFKA_SASL_PASSWORD: '' }, 'rackeval-intake')).toBeUndefined();
  });
});
