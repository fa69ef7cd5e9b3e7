import { classifyFailure } from './failure-classification';

/** An error as node-postgres, Node or kafkajs builds it: a message plus the fields they set. */
const failure = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);
const kafka = (type: string, retriable: boolean) => failure(type, { name: 'KafkaJSProtocolError', type, retriable });

describe('classifyFailure', () => {
  it.each([
    ['the database refusing connections (SQLSTATE class 08)', failure('connection failure', { code: '08006' })],
    ['a serialization failure (40001), which a retry cures', failure('could not serialize access', { code: '40001' })],
    ['an administrator shutdown (57P01)', failure('terminating connection due to administrator command', { code: '57P01' })],
    ['a refused TCP connection', failure('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' })],
    ['pg-pool giving up on a connection', failure('timeout exceeded when trying to connect')],
    ['a partition whose leader is not elected yet', kafka('LEADER_NOT_AVAILABLE', true)],
    ['a broker that does not host a fresh topic yet', kafka('UNKNOWN_TOPIC_OR_PARTITION', true)],
    ['a broker that is away', kafka('BROKER_NOT_AVAILABLE', false)],
    ['fewer brokers up than the replication factor', kafka('INVALID_REPLICATION_FACTOR', false)],
    ['a lost broker connection', failure('Connection error: read ECONNRESET', { name: 'KafkaJSConnectionError' })],
    ['a TypeORM error wrapping a lost connection', failure('Query failed', { driverError: failure('Connection terminated unexpectedly') })],
  ])('calls %s infrastructure', (_, error) => {
    expect(classifyFailure(error)).toBe('infrastructure');
  });

  it.each([
    ['a unique violation (23505)', failure('duplicate key value violates unique constraint', { code: '23505' })],
    ['a check violation (23514)', failure('new row violates check constraint', { code: '23514' })],
    ['a topic the principal may not use', kafka('TOPIC_AUTHORIZATION_FAILED', false)],
    ['a group the principal may not join', kafka('GROUP_AUTHORIZATION_FAILED', false)],
    ['a wrong password', kafka('SASL_AUTHENTICATION_FAILED', false)],
    ['a bad payload', new TypeError("Cannot read properties of undefined (reading 'serial')")],
    ['a non-error thrown value', 'boom'],
  ])('calls %s a failure of the event', (_, error) => {
    expect(classifyFailure(error)).toBe('event');
  });
});
