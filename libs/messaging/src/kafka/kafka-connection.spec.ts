import type { Admin } from 'kafkajs';
import type { MessagingSettings } from '../messaging.settings';
import { ensureTopics, KafkaConnection } from './kafka-connection';

/** kafkajs' answer while a broker of the cluster does not host a topic created a moment ago. */
const notHostedYet = () =>
  Object.assign(new Error('This server does not host this topic-partition'), {
    name: 'KafkaJSProtocolError',
    type: 'UNKNOWN_TOPIC_OR_PARTITION',
    retriable: true,
  });
/** kafkajs' answer when the service's principal may not create or describe the topic. */
const authorizationRefused = () =>
  Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
    name: 'KafkaJSProtocolError',
    type: 'TOPIC_AUTHORIZATION_FAILED',
    retriable: false,
  });

describe('KafkaConnection.retentionMs', () => {
  let sut: KafkaConnection;
  const describeConfigs = jest.fn();

  beforeEach(() => {
    jest.useFakeTimers();
    describeConfigs.mockReset();
    sut = new KafkaConnection({ clientId: 'test', brokers: ['127.0.0.1:1'] } as MessagingSettings);
    jest.spyOn(sut, 'admin').mockResolvedValue({ describeConfigs } as unknown as Admin);
  });
  afterEach(() => jest.useRealTimers());

  const retention = (topic: string, ms: string) => ({
    resources: [{ resourceName: topic, configEntries: [{ configName: 'retention.ms', configValue: ms }] }],
  });

  it('asks again while a broker does not host the freshly created topic yet, then reads its retention', async () => {
    describeConfigs
      .mockRejectedValueOnce(notHostedYet())
      .mockRejectedValueOnce(notHostedYet())
      .mockResolvedValue(retention('t', '604800000'));
    const answer = sut.retentionMs(['t']);
    await jest.runAllTimersAsync();
    expect(await answer).toEqual(new Map([['t', 604800000]]));
    expect(describeConfigs).toHaveBeenCalledTimes(3);
  });

  it('gives up after twenty attempts with the broker’s error', async () => {
    describeConfigs.mockRejectedValue(notHostedYet());
    const answer = sut.retentionMs(['t']);
    const refused = expect(answer).rejects.toThrow('This server does not host this topic-partition');
    await jest.runAllTimersAsync();
    await refused;
    expect(describeConfigs).toHaveBeenCalledTimes(20);
  });
});

describe('ensureTopics', () => {
  const admin = { listTopics: jest.fn(), createTopics: jest.fn(), fetchTopicMetadata: jest.fn() };

  beforeEach(() => {
    jest.useFakeTimers();
    for (const call of Object.values(admin)) call.mockReset();
    admin.listTopics.mockResolvedValue([]);
    admin.createTopics.mockResolvedValue(true);
  });
  afterEach(() => jest.useRealTimers());

  it('creates the missing topics and asks again while the cluster does not host them yet', async () => {
    admin.fetchTopicMetadata.mockRejectedValueOnce(notHostedYet()).mockResolvedValue({ topics: [] });
    admin.listTopics.mockResolvedValueOnce(['a']).mockResolvedValue(['a', 'b']);
    const created = ensureTopics(admin as unknown as Admin, ['a', 'b'], 3);
    await jest.runAllTimersAsync();
    expect(await created).toEqual(['b']);
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
    expect(admin.createTopics.mock.calls[0][0].topics.map((t: { topic: string }) => t.topic)).toEqual(['b']);
    expect(admin.fetchTopicMetadata).toHaveBeenCalledTimes(2);
  });

  it('fails at once, after one call, when the broker refuses the principal', async () => {
    admin.createTopics.mockRejectedValue(authorizationRefused());
    const created = ensureTopics(admin as unknown as Admin, ['a'], 3);
    const failed = expect(created).rejects.toThrow('Not authorized to access topics');
    await jest.runAllTimersAsync();
    await failed;
    expect(admin.createTopics).toHaveBeenCalledTimes(1);
  });
});
