import { entityOf, recordOf } from './rows';

describe('recordOf', () => {
  it('names each column as its camelCase field, in the order selected', () => {
    const sut = recordOf({ run_id: 'r-1', max_attempts: 3, sha256: 'ab', criteria_version: null, metrics: ['power'] });

    expect(sut).toEqual({ runId: 'r-1', maxAttempts: 3, sha256: 'ab', criteriaVersion: null, metrics: ['power'] });
    expect(Object.keys(sut as object)).toEqual(['runId', 'maxAttempts', 'sha256', 'criteriaVersion', 'metrics']);
  });

  it('gives a timestamp as a UTC ISO-8601 string and leaves a null one null', () => {
    const sut = recordOf({ uploaded_at: new Date('2026-11-30T09:30:00+01:00'), ended_at: null });

    expect(sut).toEqual({ uploadedAt: '2026-11-30T08:30:00.000Z', endedAt: null });
  });

  it('leaves the values inside a JSON column as they are', () => {
    const sut = recordOf({ previous_bom: [{ part_number: 'P-1' }] });

    expect(sut).toEqual({ previousBom: [{ part_number: 'P-1' }] });
  });
});

describe('entityOf', () => {
  it('names each column by its field and keeps timestamps as the Dates the driver read', () => {
    const received = new Date('2026-11-30T09:30:00Z');
    const sut = entityOf<{ rackSerial: string; receivedAt: Date; endedAt: Date | null }>({
      rack_serial: 'RK-1',
      received_at: received,
      ended_at: null,
    });
    expect(sut).toEqual({ rackSerial: 'RK-1', receivedAt: received, endedAt: null });
    expect(sut.receivedAt).toBeInstanceOf(Date);
  });
});
