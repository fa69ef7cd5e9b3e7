import type { Admin } from 'kafkajs';
import type { MessagingSettings } from '../messaging.settings';
import { KafkaConnection } from './kafka-connection';

/** kafkajs' answer while a broker of the cluster does not host a topic created a moment ago. */
const notHostedYet = () => Object.assign(new Error('This server does not host this topic-partition'), { retriable: true });

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
