/**
 * Imported first by run-bench.ts: the services started as children inherit these, and the event
 * contracts read the topic prefix when they load, so the bench's topics never meet anyone else's.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';

process.env.KAFKA_TOPIC_PREFIX ??= `bench${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
process.env.NODE_ENV ??= 'test';
