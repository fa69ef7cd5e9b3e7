import { deadLetterTopic } from '@rackeval/contracts';
import { KafkaJSConnectionError, KafkaJSProtocolError } from 'kafkajs';
import { ConsumerMonitor } from './consumer/consumer-monitor';
import { OffsetCommitter } from './inbox/offset-committer';
import { KafkaConnection } from './kafka/kafka-connection';
import { checkInboxRetention, MessagingModule } from './messaging.module';
import { MessagingSettings } from './messaging.settings';

describe('checkInboxRetention', () => {
  const logger = { warn: jest.fn() };
  const week = 7 * 24 * 3_600_000;

  it('accepts topics kept shorter than the processed event ids', () => {
    expect(() => checkInboxRetention(new Map([['t', week]]), 336, logger)).not.toThrow();
  });

  it('stops the service when a topic is kept longer than the inbox remembers, naming both', () => {
    expect(() => checkInboxRetention(new Map([['rackeval.intake.rack-events', 30 * 24 * 3_600_000]]), 336, logger)).toThrow(
      'INBOX_RETENTION_HOURS=336 is shorter than the retention of topic rackeval.intake.rack-events (720 h)',
    );
  });

  it('warns about a topic kept forever', () => {
    checkInboxRetention(new Map([['t', -1]]), 336, logger);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('topic t keeps events forever'));
  });
});

describe('MessagingModule start', () => {
  function moduleWith(ensureTopics: jest.Mock) {
    const kafka = { ensureTopics, retentionMs: async () => new Map([['t', 1_000]]) } as unknown as KafkaConnection;
    const monitor = { onAssignment: jest.fn() } as unknown as ConsumerMonitor;
    const settings = { topics: ['t'], serviceName: 'svc', inboxRetentionHours: 336 } as unknown as MessagingSettings;
    return new MessagingModule(kafka, monitor, {} as OffsetCommitter, settings);
  }

  it('provisions its topics once a broker that could not be reached answers', async () => {
    const ensureTopics = jest
      .fn()
      .mockRejectedValueOnce(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092'))
      .mockRejectedValueOnce(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092'))
      .mockResolvedValue(undefined);
    await moduleWith(ensureTopics).onModuleInit();
    expect(ensureTopics).toHaveBeenCalledTimes(3);
    expect(ensureTopics).toHaveBeenLastCalledWith(['t', deadLetterTopic('svc')]);
  });

  it('stops the start at once when the broker refuses the service, with the broker’s message', async () => {
    const refused = Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), {
      type: 'TOPIC_AUTHORIZATION_FAILED',
      code: 29,
      retriable: false,
    });
    const ensureTopics = jest.fn().mockRejectedValue(new KafkaJSProtocolError(refused));
    await expect(moduleWith(ensureTopics).onModuleInit()).rejects.toThrow('Not authorized to access topics');
    expect(ensureTopics).toHaveBeenCalledTimes(1);
  });
});
