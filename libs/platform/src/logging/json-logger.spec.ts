import { runWithContext } from '@rackeval/messaging';
import { JsonLogger } from './json-logger';

describe('JsonLogger', () => {
  const lines: string[] = [];
  const sut = new JsonLogger('intake', 'log', (line) => lines.push(line));
  const last = () => JSON.parse(lines[lines.length - 1]);

  beforeEach(() => (lines.length = 0));

  it('writes one JSON object per line with the correlation id and actor of the current work', () => {
    runWithContext({ correlationId: 'corr-7', actor: 'ines' }, () => sut.log('rack received', 'RacksService'));
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(last()).toMatchObject({
      level: 'info',
      service: 'intake',
      context: 'RacksService',
      message: 'rack received',
      correlationId: 'corr-7',
      actor: 'ines',
    });
    expect(new Date(last().time).toISOString()).toBe(last().time);
  });

  it('merges structured fields and keeps error stacks', () => {
    sut.log({ message: 'request', status: 201 }, 'Http');
    expect(last()).toMatchObject({ message: 'request', status: 201, context: 'Http' });
    sut.error('boom', 'Error: boom\n    at x', 'Relay');
    expect(last()).toMatchObject({ level: 'error', message: 'boom', stack: 'Error: boom\n    at x', context: 'Relay' });
  });

  it('drops messages below its level', () => {
    sut.debug('noise');
    expect(lines).toEqual([]);
  });
});
