/**
 * Imported first by run-faults.ts. The suite owns its broker and PostgreSQL on ports of their own,
 * and @rackeval/testing reads KAFKA_BROKERS when it loads: set here, before any import of it, so
 * nothing in this process can reach the development broker on 9092.
 */
import 'reflect-metadata';
import { createHmac, randomBytes } from 'node:crypto';

/**
 * `--cluster`: the scale-out scenario, on a 3-broker cluster of its own (`kafka.sh cluster` on
 * 27092-27094, controllers 27192-27194, state under tools/faults/.state/cluster, wiped at start and
 * stopped at the end) and a PostgreSQL of its own on 25532, two processes of every service; nothing
 * of the single-broker suite's (19092, 25432) nor the development cluster (29092-29094) is touched.
 * The ports sit below Linux's ephemeral range (32768+), so no client socket can hold them.
 */
export const FAULT_CLUSTER = process.argv.includes('--cluster');
export const FAULT_KAFKA_PORT = 19092;
export const FAULT_KAFKA_CONTROLLER_PORT = 19093;
export const FAULT_CLUSTER_PORTS = [27092, 27093, 27094];
export const FAULT_CLUSTER_CONTROLLER_PORTS = [27192, 27193, 27194];
export const FAULT_PG_PORT = FAULT_CLUSTER ? 25532 : 25432;
export const FAULT_BROKERS = FAULT_CLUSTER
  ? FAULT_CLUSTER_PORTS.map((port) => `127.0.0.1:${port}`).join(',')
  : `127.0.0.1:${FAULT_KAFKA_PORT}`;
/**
 * kafka.sh runs every broker with SASL/SCRAM and ACLs. The suite's clients and services connect as
 * the super user: its scenarios use topic prefixes and group names of their own, and it tests
 * delivery under faults, not authorisation (libs/testing/test/kafka-acl.int-spec.ts does that).
 */
export const FAULT_KAFKA_SASL = {
  mechanism: 'scram-sha-512' as const,
  username: 'admin',
  password: process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin',
};

/**
 * The suite's PostgreSQL uses password authentication (scram-sha-256) like every other path: a random
 * secret per suite run, and from it one password per role (the superuser and each service's owner and
 * runtime roles). The cluster is made by initdb for each run and wiped, so nothing is kept.
 */
const FAULT_PG_SECRET = randomBytes(32);
export const faultRolePassword = (role: string): string => createHmac('sha256', FAULT_PG_SECRET).update(role).digest('base64url');
export const faultPostgresUrl = (role: string, database: string, port = FAULT_PG_PORT): string =>
  `postgres://${role}:${encodeURIComponent(faultRolePassword(role))}@127.0.0.1:${port}/${database}`;

process.env.KAFKA_BROKERS = FAULT_BROKERS;
process.env.TEST_DATABASE_URL = faultPostgresUrl('postgres', 'postgres');
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
process.env.NODE_ENV ??= 'test';
