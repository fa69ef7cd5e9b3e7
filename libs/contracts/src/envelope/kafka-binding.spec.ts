import { CloudEvent } from './cloud-event';
import { EnvelopeError, fromKafkaRecord, toKafkaRecord } from './kafka-binding';

const event: CloudEvent<{ rackSerial: string }> = {
  specversion: '1.0',
  id: 'e-1',
  source: 'rackeval/intake',
  type: 'rackeval.intake.rack.received.v1',
  time: '2026-11-25T10:00:00.000Z',
  subject: 'RK-1',
  datacontenttype: 'application/json',
  correlationid: 'c-1',
  causationid: 'r-1',
  data: { rackSerial: 'RK-1' },
};

describe('CloudEvents Kafka binary binding', () => {
  it('carries attributes as ce_ headers, the subject as key and the data as JSON value', () => {
    const sut = toKafkaRecord(event);
    expect(sut.key).toBe('RK-1');
    expect(JSON.parse(sut.value)).toEqual({ rackSerial: 'RK-1' });
    expect(sut.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: 'e-1',
      ce_source: 'rackeval/intake',
      ce_type: 'rackeval.intake.rack.received.v1',
      ce_time: '2026-11-25T10:00:00.000Z',
      ce_subject: 'RK-1',
      ce_correlationid: 'c-1',
      ce_causationid: 'r-1',
      'content-type': 'application/json',
    });
  });

  it('reads back what it wrote, from Buffers as Kafka delivers them', () => {
    const record = toKafkaRecord(event);
    const headers = Object.fromEntries(Object.entries(record.headers).map(([k, v]) => [k, Buffer.from(v)]));
    expect(fromKafkaRecord({ value: Buffer.from(record.value), headers })).toEqual(event);
  });

  it('names the missing headers of a record that is not a CloudEvent', () => {
    expect(() => fromKafkaRecord({ value: '{}', headers: { ce_id: 'x' } })).toThrow(
      new EnvelopeError('missing CloudEvents header(s): ce_specversion, ce_source, ce_type, ce_time, ce_subject'),
    );
  });

  it('refuses a value that is not JSON', () => {
    const { headers } = toKafkaRecord(event);
    expect(() => fromKafkaRecord({ value: 'not json', headers })).toThrow(/event data is not JSON/);
  });
});
