import { IsInt } from 'class-validator';
import { ConfigError, loadConfig } from '../config/load-config';
import { serviceConfigFor } from './service-config-for';

class SampleConfig extends serviceConfigFor('purchase-option', 3004) {
  @IsInt() SAMPLE_LIMIT = 7;
}

describe('serviceConfigFor', () => {
  it('defaults the port, database role and schema, and Kafka names from the service name', () => {
    const sut = loadConfig(SampleConfig, {});

    expect(sut).toBeInstanceOf(SampleConfig);
    expect(sut).toMatchObject({
      PORT: 3004,
      DATABASE_URL: 'postgres://rackeval_purchase_option:rackeval@127.0.0.1:5432/rackeval',
      DATABASE_SCHEMA: 'purchase_option',
      KAFKA_CLIENT_ID: 'rackeval-purchase-option',
      KAFKA_GROUP_ID: 'rackeval-purchase-option',
      SAMPLE_LIMIT: 7,
    });
    expect(sut.migrationUrl()).toBe('postgres://rackeval_purchase_option_owner:rackeval@127.0.0.1:5432/rackeval');
  });

  it('lets the environment override the defaults, still validated', () => {
    expect(loadConfig(SampleConfig, { PORT: '4100', DATABASE_SCHEMA: 'po_2' })).toMatchObject({ PORT: 4100, DATABASE_SCHEMA: 'po_2' });
    expect(() => loadConfig(SampleConfig, { DATABASE_SCHEMA: 'Not-An-Identifier' })).toThrow(ConfigError);
  });
});
