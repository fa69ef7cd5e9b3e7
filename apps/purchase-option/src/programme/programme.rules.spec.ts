import { sumByCurrency } from './programme.rules';

describe('programme rules (purchase-option)', () => {
  it('exposure adds exercisable and pending approval exactly, per currency', () => {
    const sut = sumByCurrency([
      { currency: 'USD', amount: '0.10', options: 1 },
      { currency: 'USD', amount: '0.20', options: 1 },
      { currency: 'EUR', amount: '2500000.00', options: 1 },
      { currency: 'USD', amount: '12345678901234567.89', options: 3 },
    ]);
    expect(sut).toEqual([
      { currency: 'EUR', amount: '2500000.00', options: 1 },
      { currency: 'USD', amount: '12345678901234568.19', options: 5 },
    ]);
  });

  it('nothing to add is no total, not a zero in a made-up currency', () => {
    expect(sumByCurrency([])).toEqual([]);
  });
});
