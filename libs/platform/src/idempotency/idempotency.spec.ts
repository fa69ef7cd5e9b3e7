import { canonicalJson } from './idempotency';

describe('canonicalJson (the body an Idempotency-Key is bound to)', () => {
  it('is the same for the same body with its keys in another order, at every level', () => {
    const first = { rackSerial: 'RK-1', measurements: [{ metric: 'gpu.temp', value: 71.5, unit: 'C' }] };
    const reordered = { measurements: [{ unit: 'C', value: 71.5, metric: 'gpu.temp' }], rackSerial: 'RK-1' };
    expect(canonicalJson(reordered)).toBe(canonicalJson(first));
  });

  it('tells apart bodies that differ in a value or in array order', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });

  it('drops undefined fields as JSON does and writes dates as JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ at: new Date('2026-11-29T10:00:00Z') })).toBe('{"at":"2026-11-29T10:00:00.000Z"}');
    expect(canonicalJson(null)).toBe('null');
  });
});
