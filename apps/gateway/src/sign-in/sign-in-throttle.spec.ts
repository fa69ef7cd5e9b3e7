import { SignInThrottle } from './sign-in-throttle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe('SignInThrottle', () => {
  let now: number;
  let sut: SignInThrottle;

  beforeEach(() => {
    now = 1_000_000;
    sut = new SignInThrottle(
      { windowMs: 15 * MINUTE, accountMaxFailures: 5, addressMaxFailures: 20, lockoutMs: 30 * SECOND, maxLockoutMs: 10 * MINUTE },
      () => now,
    );
  });

  const fail = (times: number, account = 'ada', address = '10.0.0.1') => {
    for (let i = 0; i < times; i += 1) sut.recordFailure(account, address);
  };

  it('lets four failures pass and locks the account at the fifth', () => {
    fail(4);
    expect(sut.retryAfterMs('ada', '10.0.0.1')).toBe(0);

    fail(1);

    expect(sut.retryAfterMs('ada', '10.0.0.1')).toBe(30 * SECOND);
    expect(sut.retryAfterMs('ada', '10.0.0.2')).toBe(30 * SECOND);
    expect(sut.retryAfterMs('fiona', '10.0.0.1')).toBe(0);
  });

  it('doubles the lockout with each further failure, up to the maximum', () => {
    fail(5);
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      now += sut.retryAfterMs('ada', '10.0.0.1');
      fail(1);
      waits.push(sut.retryAfterMs('ada', '10.0.0.1') / SECOND);
    }

    expect(waits).toEqual([60, 120, 240, 480, 600, 600]);
  });

  it('does not forget a locked account while its lockout outlasts the window', () => {
    sut = new SignInThrottle(
      { windowMs: MINUTE, accountMaxFailures: 2, addressMaxFailures: 100, lockoutMs: 5 * MINUTE, maxLockoutMs: 60 * MINUTE },
      () => now,
    );
    fail(2);
    now += 5 * MINUTE;

    fail(1);

    expect(sut.retryAfterMs('ada', '10.0.0.1')).toBe(10 * MINUTE);
  });

  it('treats user names alike whatever their case or surrounding spaces', () => {
    fail(3, 'Ada');
    fail(2, ' ada ');

    expect(sut.retryAfterMs('ADA', '10.0.0.9')).toBeGreaterThan(0);
  });

  it('starts counting again after a quiet window', () => {
    fail(4);
    now += 15 * MINUTE + 1;

    fail(4);

    expect(sut.retryAfterMs('ada', '10.0.0.1')).toBe(0);
  });

  it('clears the account after a success, but not the address', () => {
    fail(4, 'ada', '10.0.0.1');
    sut.recordSuccess('ada');
    fail(4, 'ada', '10.0.0.1');
    expect(sut.retryAfterMs('ada', '10.0.0.1')).toBe(0);

    fail(12, 'mallory', '10.0.0.1'); // 20 failures from this address in all
    expect(sut.retryAfterMs('vic', '10.0.0.1')).toBe(30 * SECOND);
    expect(sut.retryAfterMs('vic', '10.0.0.2')).toBe(0);
  });

  it('throttles an address trying many user names once its larger budget is spent', () => {
    for (let i = 0; i < 19; i += 1) sut.recordFailure(`user-${i}`, '10.0.0.7');
    expect(sut.retryAfterMs('someone', '10.0.0.7')).toBe(0);

    sut.recordFailure('user-19', '10.0.0.7');

    expect(sut.retryAfterMs('someone', '10.0.0.7')).toBe(30 * SECOND);
  });
});
