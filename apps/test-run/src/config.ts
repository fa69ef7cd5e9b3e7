import { ServiceConfig } from '@rackeval/platform';

export class TestRunConfig extends ServiceConfig {
  override PORT = 3002;
  override DATABASE_URL = 'postgres://rackeval_test_run:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'test_run';
  override KAFKA_CLIENT_ID = 'rackeval-test-run';
  override KAFKA_GROUP_ID = 'rackeval-test-run';
}
