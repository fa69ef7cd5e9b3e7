import { incarnationOf, incarnationOrder } from './incarnation.rules';

describe('incarnation rules', () => {
  it('reads a fact without an incarnation as the unit as first delivered', () => {
    expect(incarnationOf({})).toBe(1);
    expect(incarnationOf({ incarnation: undefined })).toBe(1);
    expect(incarnationOf({ incarnation: 3 })).toBe(3);
  });

  it.each<[number, number, ReturnType<typeof incarnationOrder>]>([
    [1, 2, 'older'],
    [2, 2, 'current'],
    [1, 1, 'current'],
    [2, 1, 'newer'],
    [4, 2, 'newer'],
  ])('a fact about incarnation %i reaching an option of incarnation %i is %s', (fact, known, order) => {
    expect(incarnationOrder(fact, known)).toBe(order);
  });
});
