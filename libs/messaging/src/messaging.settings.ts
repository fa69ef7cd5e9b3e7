export interface MessagingSettings {
  /** The service name: the CloudEvents source is `rackeval/<serviceName>`; dead letters go to its own topic. */
  serviceName: string;
  brokers: string[];
  /** How the service authenticates to the broker (SASL/SCRAM as its own principal); undefined: no authentication. */
  sasl?: KafkaSasl;
  clientId: string;
  groupId: string;
  /** Topics this service produces to or consumes from; created at start-up when missing. */
  topics: string[];
  partitions: number;
  /** How topics this service creates are replicated; an unset field takes the broker's default. */
  replication?: TopicReplication;
  /** How long the broker waits for a silent consumer before rebalancing its partitions (≥ 6000, the broker minimum). */
  sessionTimeoutMs: number;
  /** Partitions a consumer works on at once; order holds within each partition (one rack's events). */
  partitionsConsumedConcurrently: number;
  outboxPollMs: number;
  outboxBatchSize: number;
  /** How long the relay's lease lasts unless renewed: a frozen or dead relay is replaced after this. */
  outboxLeaseMs: number;
  /** Published outbox rows are kept this long, then deleted. */
  outboxRetentionHours: number;
  /** Processed event ids are kept this long: longer than the broker keeps messages, so no redelivery outlives its id. */
  inboxRetentionHours: number;
  consumerMaxAttempts: number;
  consumerRetryBaseMs: number;
  /**
   * How long applied offsets wait to be committed together (default 250 ms). Longer means fewer
   * commit requests and, after a crash or rebalance, more redelivered events that the inbox skips.
   */
  offsetCommitIntervalMs?: number;
}

export interface TopicReplication {
  /** Copies of each partition (replication factor). */
  factor?: number;
  /** Copies that must have a write before it is acknowledged (acks=all). */
  minInsyncReplicas?: number;
}

/** SASL credentials for kafkajs; the local broker takes SCRAM-SHA-512 (infra/kafka/kafka.sh). */
export type KafkaSasl = { username: string; password: string } & (
  { mechanism: 'scram-sha-512' } | { mechanism: 'scram-sha-256' } | { mechanism: 'plain' }
);

export const MESSAGING_SETTINGS = Symbol('MESSAGING_SETTINGS');
/** Optional fault-injection points, provided only by tests that simulate crashes. */
export const MESSAGING_HOOKS = Symbol('MESSAGING_HOOKS');

export interface MessagingHooks {
  /** After the relay claimed a batch, before it sends it. */
  beforeRelaySend?: (eventIds: string[]) => Promise<void>;
  /** After the relay's batch reached Kafka, before it is marked published. */
  afterRelayPublish?: (eventIds: string[]) => Promise<void>;
  /** After a consumer's transaction committed, before its offset is committed. */
  afterConsumerCommit?: (eventId: string) => Promise<void>;
  /** As a delivery reaches the inbox; what it throws escapes to kafkajs, as a transport failure would. */
  beforeInbox?: (record: { topic: string; partition: number; offset: string; key: Buffer | string | null }) => void;
}
