import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength } from 'class-validator';
import { HttpConfig } from '@rackeval/platform';

const serviceUrl = () => IsUrl({ require_tld: false, protocols: ['http', 'https'] }, { message: '$property must be the base URL of the service' });

export class GatewayConfig extends HttpConfig {
  @Type(() => Number) override PORT = 3000;

  /** Where the local issuer keeps its key pair (created on first start; never committed). */
  @IsString() AUTH_LOCAL_KEY_DIR = '.rackeval/keys';
  /** The password of the seeded development users; stored only as hashes. */
  @IsString() @MinLength(8) LOCAL_USERS_PASSWORD = 'rackeval';

  @serviceUrl() INTAKE_URL = 'http://127.0.0.1:3001';
  @serviceUrl() TEST_RUN_URL = 'http://127.0.0.1:3002';
  @serviceUrl() RESULTS_URL = 'http://127.0.0.1:3003';
  @serviceUrl() PURCHASE_OPTION_URL = 'http://127.0.0.1:3004';

  @Matches(/^[\w.-]+:\d{1,5}(,[\w.-]+:\d{1,5})*$/, { message: 'KAFKA_BROKERS must be a comma-separated list of host:port' })
  KAFKA_BROKERS = '127.0.0.1:9092';
  @IsOptional() @Matches(/^[\w.-]*$/) KAFKA_TOPIC_PREFIX = '';
  @Type(() => Number) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS = 6;

  /** The built console to serve at `/`, if present. */
  @IsOptional() @IsString() CONSOLE_DIR?: string;

  upstreams(): Record<string, string> {
    return {
      intake: this.INTAKE_URL,
      'test-run': this.TEST_RUN_URL,
      results: this.RESULTS_URL,
      'purchase-option': this.PURCHASE_OPTION_URL,
    };
  }
}
