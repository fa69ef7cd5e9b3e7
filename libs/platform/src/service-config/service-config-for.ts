import { ServiceConfig } from '../config/service-config';

/**
 * The base of a service's configuration, with the defaults its name and port decide: the database
 * role `rackeval_<name>` and schema `<name>` (dashes as underscores), the Kafka client and consumer
 * group `rackeval-<name>`. The service's class adds its own variables:
 * `export class IntakeConfig extends serviceConfigFor('intake', 3001) { … }`.
 */
export function serviceConfigFor(name: string, port: number) {
  const sqlName = name.replaceAll('-', '_');
  class NamedServiceConfig extends ServiceConfig {
    override PORT = port;
    override DATABASE_URL = `postgres://rackeval_${sqlName}:rackeval@127.0.0.1:5432/rackeval`;
    override DATABASE_SCHEMA = sqlName;
    override KAFKA_CLIENT_ID = `rackeval-${name}`;
    override KAFKA_GROUP_ID = `rackeval-${name}`;
  }
  return NamedServiceConfig;
}
