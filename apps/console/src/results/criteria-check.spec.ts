import type { Criterion } from '../api';
import { checkTypedValue, describeTarget, parseTypedNumber } from './criteria-check';

const throughput: Criterion = {
  metric: 'training.tokens_per_s',
  unit: 'tokens/s',
  comparator: 'gte',
  min: 3000,
  required: true,
  category: 'performance',
};
const power: Criterion = { metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 132, required: true, category: 'power' };
const inlet: Criterion = {
  metric: 'inlet.temp',
  unit: '°C',
  comparator: 'between',
  min: 18,
  max: 27,
  required: false,
  category: 'thermal',
};

describe('typed values against criteria', () => {
  it('passes a value on the threshold (thresholds are inclusive, as results judges them)', () => {
    expect(checkTypedValue(throughput, '3000').verdict).toBe('pass');
    expect(checkTypedValue(power, '132').verdict).toBe('pass');
    expect(checkTypedValue(inlet, '18').verdict).toBe('pass');
    expect(checkTypedValue(inlet, '27').verdict).toBe('pass');
  });

  it('fails a value outside the band and says which side', () => {
    expect(checkTypedValue(throughput, '2999.5')).toEqual({ verdict: 'fail', explanation: 'below the minimum of 3000 tokens/s' });
    expect(checkTypedValue(power, '140')).toEqual({ verdict: 'fail', explanation: 'above the maximum of 132 kW' });
    expect(checkTypedValue(inlet, '17.9').verdict).toBe('fail');
  });

  it('treats an empty field as not yet typed and rubbish as not a number', () => {
    expect(checkTypedValue(throughput, '  ').verdict).toBe('empty');
    expect(checkTypedValue(throughput, '3k').verdict).toBe('invalid');
  });

  it('reads a decimal comma', () => {
    expect(parseTypedNumber('41,7')).toBe(41.7);
    expect(parseTypedNumber('1e3')).toBe(1000);
    expect(parseTypedNumber('')).toBeNull();
  });

  it('describes targets in words', () => {
    expect(describeTarget(inlet)).toBe('between 18 and 27 °C');
    expect(describeTarget(power)).toBe('≤ 132 kW');
  });
});
