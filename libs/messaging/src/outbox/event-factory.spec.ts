import { RackReleased } from '@rackeval/contracts';
import { runWithContext } from '../context/message-context';
import { MessagingSettings } from '../messaging.settings';
import { EventFactory } from './event-factory';

const released = { rackSerial: 'RK-7', generation: 'G2', occurredAt: '2026-11-25T09:00:00.000Z', actor: 'ines', site: 'PDX-1' };

describe('EventFactory', () => {
  const sut = new EventFactory({ serviceName: 'intake' } as MessagingSettings);

  it('builds a CloudEvent keyed by the rack serial, from this service, in UTC', () => {
    const event = sut.create(RackReleased, released, new Date('2026-11-25T09:00:01.000Z'));
    expect(event).toMatchObject({
      specversion: '1.0',
      source: 'rackeval/intake',
      type: 'rackeval.intake.rack.released.v1',
      subject: 'RK-7',
      time: '2026-11-25T09:00:01.000Z',
      datacontenttype: 'application/json',
      data: released,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('carries the correlation and causation of the work that caused it', () => {
    const event = runWithContext({ correlationId: 'corr-1', causationId: 'req-9' }, () => sut.create(RackReleased, released));
    expect(event.correlationid).toBe('corr-1');
    expect(event.causationid).toBe('req-9');
  });

  it('starts a new correlation for work no request caused', () => {
    const event = sut.create(RackReleased, released);
    expect(event.correlationid).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.causationid).toBeUndefined();
  });

  it('refuses to build an event whose payload breaks the contract', () => {
    expect(() => sut.create(RackReleased, { ...released, rackSerial: '' })).toThrow(/rackSerial/);
  });
});
