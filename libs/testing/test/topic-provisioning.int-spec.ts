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
});
