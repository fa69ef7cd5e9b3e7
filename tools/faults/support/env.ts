/**
 * Imported first by run-faults.ts. The suite owns its broker and PostgreSQL on ports of their own,
 * and @rackeval/testing reads KAFKA_BROKERS when it loads: set here, before any import of it, so
 * nothing in this process can reach the development broker on 9092.
 */
import 'reflect-metadata';

export const FAULT_KAFKA_PORT = 19092;
export const FAULT_KAFKA_CONTROLLER_PORT = 19093;
export const FAULT_PG_PORT = 25432;
export const FAULT_BROKERS = `127.0.0.1:${FAULT_KAFKA_PORT}`;
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

process.env.KAFKA_BROKERS = FAULT_BROKERS;
process.env.TEST_DATABASE_URL = `postgres://postgres@127.0.0.1:${FAULT_PG_PORT}/postgres`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
process.env.NODE_ENV ??= 'test';
