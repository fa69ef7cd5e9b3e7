import { RackReceived, RunCompleted } from './events';
import { EventSourceError, expectedSourceOf, topicGrantsOf, verifyProducer } from './topic-access';
import { Topics } from './topics';

describe('topic access', () => {
  it('names the one service that produces to each topic', () => {
    expect(expectedSourceOf(Topics.intakeRacks)).toBe('rackeval/intake');
    expect(expectedSourceOf(Topics.purchaseOptions)).toBe('rackeval/purchase-option');
    expect(expectedSourceOf('rackeval.elsewhere.events')).toBeUndefined();
  });

  it('grants a service writes to its own topic and dead-letter topic and reads of what it consumes, under a prefix', () => {
    expect(topicGrantsOf('test-run', 'p.')).toEqual({
      produces: ['p.rackeval.test-run.run-events', 'p.rackeval.test-run.dead-letters'],
      consumes: ['p.rackeval.intake.rack-events', 'p.rackeval.results.evaluation-events'],
    });
    expect(topicGrantsOf('gateway').produces).toEqual([]);
    expect(topicGrantsOf('gateway').consumes).toHaveLength(4);
  });

  it('accepts an event from the service that owns the topic', () => {
    expect(() => verifyProducer(Topics.intakeRacks, { type: RackReceived.type, source: 'rackeval/intake' })).not.toThrow();
  });

  it.each([
    ['another service', Topics.intakeRacks, { type: RackReceived.type, source: 'rackeval/results' }, /ce_source "rackeval\/results"/],
    [
      'a type that belongs on another topic',
      Topics.resultsEvaluations,
      { type: RackReceived.type, source: 'rackeval/results' },
      /travel on/,
    ],
    ['a topic no service owns', 'elsewhere', { type: RunCompleted.type, source: 'rackeval/test-run' }, /no producing service/],
  ])('refuses an event from %s as a contract violation', (_case, topic, event, message) => {
    const sut = () => verifyProducer(topic, event);

    expect(sut).toThrow(EventSourceError);
    expect(sut).toThrow(message);
    expect(sut).toThrow(expect.objectContaining({ name: 'ContractViolationError' }));
  });
});
