import { fromKafkaRecord, OptionExercised, RackReceived, Topics } from '@rackeval/contracts';
import { testEvent, testEventRecord } from './test-events';

const received = { rackSerial: 'RK-9', generation: 'G1' } as Parameters<typeof RackReceived.subjectOf>[0];

describe('test events', () => {
  it('are what the producing service would publish: its source, the subject from the data, fresh ids, now', () => {
    const before = Date.now();
    const event = testEvent(RackReceived, received);
    expect(event).toMatchObject({
      specversion: '1.0',
      source: 'rackeval/intake',
      type: RackReceived.type,
      subject: 'RK-9',
      datacontenttype: 'application/json',
      data: received,
    });
    expect(event.id).not.toBe(testEvent(RackReceived, received).id);
    expect(event.correlationid).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before - 1);
    expect(RackReceived.topic).toBe(Topics.intakeRacks);
  });

  it('take a forged source, a set id, time, subject and correlation for the tests that need them', () => {
    const event = testEvent(RackReceived, received, {
      id: 'ev-1',
      source: 'rackeval/results',
      time: new Date('2026-11-25T08:00:00Z'),
      subject: 'OTHER',
      correlationid: 'c',
      causationid: 'cause',
    });
    expect(event).toMatchObject({
      id: 'ev-1',
      source: 'rackeval/results',
      time: '2026-11-25T08:00:00.000Z',
      subject: 'OTHER',
      correlationid: 'c',
      causationid: 'cause',
    });
    expect(testEvent(OptionExercised, { rackSerial: 'RK-9' } as never).source).toBe('rackeval/purchase-option');
  });

  it('become binary-mode Kafka records keyed by subject that read back as the same event', () => {
    const event = testEvent(RackReceived, received, { id: 'ev-2' });
    const record = testEventRecord(RackReceived, received, { id: 'ev-2', time: event.time, correlationid: event.correlationid });
    expect(record.key).toBe('RK-9');
    expect(record.headers).toMatchObject({ ce_id: 'ev-2', ce_source: 'rackeval/intake', ce_type: RackReceived.type });
    expect(fromKafkaRecord(record)).toEqual(event);
  });
});
