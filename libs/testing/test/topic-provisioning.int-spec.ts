import { topicPrefix } from '@rackeval/contracts';
import { ensureTopics } from '@rackeval/messaging';
import { deleteTestTopics, testKafka } from '@rackeval/testing';

describe('topic provisioning', () => {
  afterAll(() => deleteTestTopics());

  it('lets several services create the same topics at the same moment', async () => {
    const topics = ['a', 'b', 'c', 'd'].map((name) => `${topicPrefix()}race.${name}`);
    const admins = Array.from({ length: 4 }, () => testKafka().admin());
    await Promise.all(admins.map((admin) => admin.connect()));
    try {
      await Promise.all(admins.map((admin) => ensureTopics(admin, topics, 3)));
      const metadata = await admins[0].fetchTopicMetadata({ topics });
      expect(metadata.topics.map((topic) => [topic.name, topic.partitions.length]).sort()).toEqual(topics.map((topic) => [topic, 3]));
    } finally {
      await Promise.all(admins.map((admin) => admin.disconnect()));
    }
  });

  it('creates topics with the configured replication and unclean leader election off', async () => {
    const topic = `${topicPrefix()}replicated.a`;
    const admin = testKafka().admin();
    await admin.connect();
    try {
      await ensureTopics(admin, [topic], 2, 20, { factor: 1, minInsyncReplicas: 1 });
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['min.insync.replicas', 'unclean.leader.election.enable'] }],
      });
      const config = Object.fromEntries(resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
      expect(config).toEqual({ 'min.insync.replicas': '1', 'unclean.leader.election.enable': 'false' });
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      expect(metadata.topics[0].partitions.map((partition) => partition.replicas.length)).toEqual([1, 1]);
    } finally {
      await admin.disconnect();
    }
  });
});
