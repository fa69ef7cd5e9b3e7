import { attemptLimitIn, attemptsUsed as sut } from './attempt.rules';

describe('attempt rules', () => {
  describe('attemptsUsed', () => {
    it('counts completed, running and DEVICE-aborted runs of the incarnation', () => {
      const runs = [
        { incarnation: 1, abortCause: null },
        { incarnation: 1, abortCause: 'DEVICE' as const },
      ];
      expect(sut(runs, 1)).toBe(2);
    });

    it('leaves out runs aborted for FACILITY, OPERATOR or HOLD', () => {
      const runs = [
        { incarnation: 1, abortCause: 'FACILITY' as const },
        { incarnation: 1, abortCause: 'OPERATOR' as const },
        { incarnation: 1, abortCause: 'HOLD' as const },
        { incarnation: 1, abortCause: null },
      ];
      expect(sut(runs, 1)).toBe(1);
    });

    it('starts again at none for a rack returned from an RMA: runs of an earlier incarnation never count', () => {
      const usedUp = [
        { incarnation: 1, abortCause: 'DEVICE' as const },
        { incarnation: 1, abortCause: null },
      ];
      expect(sut(usedUp, 2)).toBe(0);
      expect(sut([...usedUp, { incarnation: 2, abortCause: 'DEVICE' as const }], 2)).toBe(1);
    });

    it('counts nothing for a suite never run', () => {
      expect(sut([], 1)).toBe(0);
    });
  });

  describe('attemptLimitIn', () => {
    it("is the limit of the re-opened evaluation of the rack's incarnation", () => {
      expect(attemptLimitIn([{ incarnation: 1, attemptLimit: 3 }], 1)).toBe(3);
    });

    it('never carries an allowance granted for one incarnation into another', () => {
      expect(attemptLimitIn([{ incarnation: 1, attemptLimit: 3 }], 2)).toBeNull();
      expect(attemptLimitIn([{ incarnation: 2, attemptLimit: 4 }], 1)).toBeNull();
      expect(
        attemptLimitIn(
          [
            { incarnation: 1, attemptLimit: 3 },
            { incarnation: 2, attemptLimit: 4 },
          ],
          2,
        ),
      ).toBe(4);
    });

    it('is null when no evaluation was re-opened', () => {
      expect(attemptLimitIn([], 1)).toBeNull();
    });
  });
});
