import { checkInboxRetention } from './messaging.module';

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
