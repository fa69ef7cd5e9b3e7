import { entityOf, nestedRowSql, recordOf, rowOfNested } from './rows';

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

describe('a row nested in another statement', () => {
  const audit = { columns: 'id, occurred_at, unit_price, reason', timestamps: ['occurred_at'], exact: ['id', 'unit_price'] };

  it('is built from its columns, exact ones sent as text so JSON cannot round them', () => {
    expect(nestedRowSql('a', audit)).toBe(
      "json_build_object('id', a.id::text, 'occurred_at', a.occurred_at, 'unit_price', a.unit_price::text, 'reason', a.reason)",
    );
  });

  it('is read back as the driver gives a row: timestamps as Dates, exact values as the strings sent', () => {
    const sut = rowOfNested(audit, {
      id: '9007199254740993',
      occurred_at: '2026-11-30T09:30:00.123456+01:00',
      unit_price: '0.10',
      reason: null,
    });

    expect(sut).toEqual({ id: '9007199254740993', occurred_at: new Date('2026-11-30T08:30:00.123Z'), unit_price: '0.10', reason: null });
  });

  it('leaves a null timestamp null', () => {
    expect(rowOfNested(audit, { id: '1', occurred_at: null, unit_price: null, reason: 'r' }).occurred_at).toBeNull();
  });
});
