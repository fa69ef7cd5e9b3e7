import { ServiceConfig } from '@rackeval/platform';

export class IntakeConfig extends ServiceConfig {
  override PORT = 3001;
  override DATABASE_URL = 'postgres://rackeval_intake:rackeval@127.0.0.1:5432/rackeval';
  override DATABASE_SCHEMA = 'intake';
  override KAFKA_CLIENT_ID = 'rackeval-intake';
  override KAFKA_GROUP_ID = 'rackeval-intake';
}
