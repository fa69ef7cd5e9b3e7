require('reflect-metadata');
const { randomBytes } = require('node:crypto');

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
// Every test file gets its own Kafka topics; event contracts read the prefix when they load.
process.env.KAFKA_TOPIC_PREFIX = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}.`;
