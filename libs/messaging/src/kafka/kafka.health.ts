import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { KafkaConnection } from './kafka-connection';

/** Kafka is healthy when the cluster answers a metadata request in time. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly kafka: KafkaConnection,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'kafka') {
    return this.health
      .check(key)
      .attempt(async () => {
        const admin = await this.kafka.admin();
        const cluster = await admin.describeCluster();
        return { brokers: cluster.brokers.length, controller: cluster.controller };
      })
      .withTimeout(3_000);
  }
}
