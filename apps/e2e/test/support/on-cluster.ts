// Imported first by a spec that runs on the 3-broker cluster: the test process's own Kafka clients
// (testKafka, ACL grants, deleteTestTopics) read KAFKA_BROKERS when @rackeval/testing loads.
import { e2eTopology } from './topology';

process.env.KAFKA_BROKERS = '127.0.0.1:29092,127.0.0.1:29093,127.0.0.1:29094';
e2eTopology.brokers = 3;
e2eTopology.instances = 2;

// Eight service processes and a gateway start from source at once; on two loaded cores that takes minutes.
jest.setTimeout(600_000);
