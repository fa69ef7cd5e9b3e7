import { ServiceConfig } from './service-config';
import { ConfigError, loadConfig } from './load-config';

class SampleConfig extends ServiceConfig {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://svc@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'sample';
  override KAFKA_CLIENT_ID = 'sample';
  override KAFKA_GROUP_ID = 'sample';
}

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(SampleConfig, env);
  } catch (error) {
    return (error as ConfigError).problems;
  }
  return [];
};

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const sut = loadConfig(SampleConfig, { PORT: '4000', UNRELATED: 'ignored' });
    expect(sut.PORT).toBe(4000);
    expect(sut.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(sut.AUTH_MODE).toBe('local');
  });

  it('names each bad variable with the value it got', () => {
    const problems = problemsOf({ PORT: 'eighty', KAFKA_BROKERS: 'localhost', DATABASE_URL: 'mysql://x' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('"eighty"');
    expect(problems.find((p) => p.startsWith('KAFKA_BROKERS:'))).toContain('host:port');
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('postgres://');
  });

  it('requires the JWKS URL in OIDC mode', () => {
    expect(problemsOf({ AUTH_MODE: 'oidc' })).toEqual([expect.stringMatching(/^AUTH_JWKS_URL:/)]);
    expect(problemsOf({ AUTH_MODE: 'oidc', AUTH_JWKS_URL: 'https://id.example.com/jwks' })).toEqual([]);
  });

  it('refuses the local issuer in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      expect.stringMatching(/^AUTH_MODE: the local issuer does not run in production/),
    ]);
  });

  it('authenticates to Kafka as the service principal by default, and checks the SASL variables', () => {
    expect(loadConfig(SampleConfig, {})).toMatchObject({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'rackeval' });
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM:/)]);
    expect(problemsOf({ KAFKA_SASL_PASSWORD: '' })).toEqual([expect.stringMatching(/^KAFKA_SASL_PASSWORD:/)]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'none', KAFKA_SASL_PASSWORD: '' })).toEqual([]);
    expect(
      problemsOf({ NODE_ENV: 'production', AUTH_MODE: 'oidc', AUTH_JWKS_URL: 'https://id.example.com/jwks', KAFKA_SASL_MECHANISM: 'none' }),
    ).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM: none is refused in production/)]);
  });

  it('puts every problem in one message', () => {
    expect(() => loadConfig(SampleConfig, { PORT: '-1', LOG_LEVEL: 'loud' })).toThrow(
      /invalid configuration:\n {2}- PORT.*\n {2}- LOG_LEVEL/s,
    );
  });
});
