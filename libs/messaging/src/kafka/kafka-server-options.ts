import { Logger } from '@nestjs/common';
import { KafkaOptions, Transport } from '@nestjs/microservices';
import { logLevel, Partitioners } from 'kafkajs';
import { MessagingSettings } from '../messaging.settings';
import { kafkaLogCreator } from './kafka-logger';

/**
 * Options for the NestJS Kafka transport that carries this service's consumers.
 * - offsets are committed by the inbox after the database commit, never automatically;
 * - each partition's delivery goes to the inbox whole and as kafkajs fetched it (ResilientKafkaServer);
 * - several partitions are worked on at once (each still in order), so one busy rack does not hold up the others;
 * - a short session timeout and heartbeat let a group rebalance quickly when a member dies,
 *   and a short max wait keeps quiet topics from adding seconds of latency.
 */
export function kafkaServerOptions(settings: MessagingSettings): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: `${settings.clientId}-consumer`,
        brokers: settings.brokers,
        sasl: settings.sasl,
        logLevel: logLevel.WARN,
        logCreator: kafkaLogCreator(new Logger('KafkaConsumer')),
      },
      consumer: {
        groupId: settings.groupId,
        sessionTimeout: settings.sessionTimeoutMs,
        heartbeatInterval: 1_000,
        rebalanceTimeout: 20_000,
        maxWaitTimeInMs: 100,
        allowAutoTopicCreation: false,
      },
      // The transport's own producer (for replies, unused here) would warn about the v2 partitioner.
      producer: { createPartitioner: Partitioners.DefaultPartitioner },
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently },
    },
  };
}
