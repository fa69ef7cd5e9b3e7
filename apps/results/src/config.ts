import { ServiceConfig } from '@rackeval/platform';

export class ResultsConfig extends ServiceConfig {
  override PORT = 3003;
  override DATABASE_URL = 'postgres://rackeval_results:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'results';
  override KAFKA_CLIENT_ID = 'rackeval-results';
  override KAFKA_GROUP_ID = 'rackeval-results';
}
