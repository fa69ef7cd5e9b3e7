/**
 * Tells infrastructure failures (the database or the broker is away, slow or busy) from failures
 * of the event itself. An infrastructure failure says nothing about the event: it is retried for as
 * long as it lasts and never dead-lettered.
 */

/** SQLSTATE classes and codes that describe the server or the session, never the data. */
const INFRASTRUCTURE_SQLSTATE_CLASSES = ['08', '53', '57P'];
const INFRASTRUCTURE_SQLSTATES = new Set(['40001', '40P01', '55P03', '57014', '58000', '58030']);
const INFRASTRUCTURE_ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
]);
/**
 * Kafka protocol errors that kafkajs does not mark retriable but that describe the cluster, not the
 * request: a broker that is away, or fewer brokers registered than a new topic's replication factor
 * (a cluster whose brokers have not all registered yet). Both pass once the brokers are there; a
 * factor larger than the cluster will ever be keeps failing and ends the start when its retries run out.
 */
const INFRASTRUCTURE_KAFKA_TYPES = new Set(['BROKER_NOT_AVAILABLE', 'INVALID_REPLICATION_FACTOR']);
/** node-postgres and pg-pool report a lost or unobtainable connection with these messages (no code). */
const INFRASTRUCTURE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /query read timeout/i,
  /cannot use a pool after calling end/i,
];

export type FailureKind = 'infrastructure' | 'event';

export function classifyFailure(error: unknown): FailureKind {
  for (const cause of causes(error)) {
    if (isInfrastructure(cause)) return 'infrastructure';
  }
  return 'event';
}

export function isInfrastructureError(error: unknown): boolean {
  return classifyFailure(error) === 'infrastructure';
}

function isInfrastructure(error: Record<string, unknown>): boolean {
  const code = typeof error.code === 'string' ? error.code : undefined;
  if (code && /^[0-9A-Z]{5}$/.test(code)) {
    if (INFRASTRUCTURE_SQLSTATES.has(code) || INFRASTRUCTURE_SQLSTATE_CLASSES.some((prefix) => code.startsWith(prefix))) return true;
  }
  if (code && INFRASTRUCTURE_ERRNOS.has(code)) return true;
  const name = typeof error.name === 'string' ? error.name : '';
  // kafkajs marks what a retry can cure; its connection and timeout errors are all infrastructure.
  if (name.startsWith('KafkaJS') && (error.retriable === true || /Connection|Timeout|NumberOfRetriesExceeded|BrokerNotFound/.test(name)))
    return true;
  if (name.startsWith('KafkaJS') && typeof error.type === 'string' && INFRASTRUCTURE_KAFKA_TYPES.has(error.type)) return true;
  const message = typeof error.message === 'string' ? error.message : '';
  return INFRASTRUCTURE_MESSAGES.some((pattern) => pattern.test(message));
}

/** The error and everything it wraps (`cause`, TypeORM's `driverError`, kafkajs' `originalError`). */
function* causes(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    queue.push(record.cause, record.driverError, record.originalError);
    if (Array.isArray(record.errors)) queue.push(...record.errors);
  }
}
