import { PurchaseOptionError } from '../purchase-option.errors';
import { assertFourEyes, assertWindowOpen, exerciseAction as sut } from './decision.rules';

describe('decision rules', () => {
  describe('exerciseAction', () => {
    it('exercises at once at or below the threshold and asks for approval above it', () => {
      expect(sut({ state: 'EXERCISABLE', unitPrice: '900000.00', approvalThreshold: '1000000.00' })).toBe('exercise');
      expect(sut({ state: 'EXERCISABLE', unitPrice: '1000000.00', approvalThreshold: '1000000.00' })).toBe('exercise');
      expect(sut({ state: 'EXERCISABLE', unitPrice: '1000000.01', approvalThreshold: '1000000.00' })).toBe('request-approval');
    });

    it('requires a written waiver to exercise a failed rack (422)', () => {
      for (const waiver of [undefined, '', '   ']) {
        expect(() => sut({ state: 'NOT_EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', waiver })).toThrow(
          expect.objectContaining({ code: 'WAIVER_REQUIRED', kind: 'domain-rule' }),
        );
      }
      expect(
        sut({ state: 'NOT_EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', waiver: 'thermal fail is a sensor fault' }),
      ).toBe('exercise');
      expect(sut({ state: 'NOT_EXERCISABLE', unitPrice: '11.00', approvalThreshold: '10.00', waiver: 'accepted risk' })).toBe(
        'request-approval',
      );
    });

    it('refuses to exercise a rack rejected at intake, even with a waiver (422 naming the rule)', () => {
      const rejectedAtIntake = { rackSerial: 'RK-R1', reason: 'crushed corner' };
      for (const waiver of [undefined, 'we accept the dent']) {
        let error: unknown;
        try {
          sut({ state: 'NOT_EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', waiver, rejectedAtIntake });
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(PurchaseOptionError);
        expect(error).toMatchObject({ kind: 'domain-rule', code: 'RACK_REJECTED_AT_INTAKE' });
        expect((error as Error).message).toBe(
          'rack RK-R1 was rejected at intake (crushed corner); its option can only be declined or left to lapse',
        );
      }
      expect(
        sut({ state: 'NOT_EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', waiver: 'sensor fault', rejectedAtIntake: null }),
      ).toBe('exercise');
    });

    describe('cost rule', () => {
      const misses = {
        status: 'JUDGED' as const,
        costVerdict: 'MISSES' as const,
        missedTargets: ['maxUnitPrice' as const, 'maxTcoPerPerformanceUnit' as const],
        unjudgedTargets: [],
      };
      const meets = { status: 'JUDGED' as const, costVerdict: 'MEETS' as const, missedTargets: [], unjudgedTargets: [] };
      const incomplete = {
        status: 'INCOMPLETE' as const,
        costVerdict: null,
        missedTargets: [],
        unjudgedTargets: [{ target: 'maxTcoPerPerformanceUnit' as const, reason: 'no power criterion was measured in the training run' }],
      };
      const noTargets = { status: 'NO_TARGETS' as const, costVerdict: null, missedTargets: [], unjudgedTargets: [] };

      it('requires a waiver to exercise a rack that passed but misses cost, naming the rule and the targets (422)', () => {
        let error: unknown;
        try {
          sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost: misses });
        } catch (caught) {
          error = caught;
        }
        expect(error).toMatchObject({ kind: 'domain-rule', code: 'WAIVER_REQUIRED' });
        expect((error as Error).message).toBe(
          'cost rule: the rack passed its evaluation but it misses its cost targets (maxUnitPrice, maxTcoPerPerformanceUnit); exercising it requires a written waiver with the reason',
        );
        expect(
          sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost: misses, waiver: 'strategic supplier' }),
        ).toBe('exercise');
        expect(
          sut({ state: 'EXERCISABLE', unitPrice: '11.00', approvalThreshold: '10.00', cost: misses, waiver: 'strategic supplier' }),
        ).toBe('request-approval');
      });

      it('requires a waiver when a cost target cannot be checked, saying which fact is missing', () => {
        expect(() => sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost: incomplete })).toThrow(
          expect.objectContaining({
            code: 'WAIVER_REQUIRED',
            message: expect.stringContaining('maxTcoPerPerformanceUnit: no power criterion was measured'),
          }),
        );
      });

      it('needs no waiver (and refuses one) when the rack meets its cost targets or the generation has none', () => {
        for (const cost of [meets, noTargets, undefined]) {
          expect(sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost })).toBe('exercise');
          expect(() => sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost, waiver: 'why not' })).toThrow(
            expect.objectContaining({ code: 'WAIVER_NOT_APPLICABLE' }),
          );
        }
      });

      it('one waiver covers a rack that failed its evaluation and misses cost', () => {
        expect(sut({ state: 'NOT_EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', cost: misses, waiver: 'accepted' })).toBe(
          'exercise',
        );
      });
    });

    it('refuses a waiver on a rack that passed', () => {
      expect(() => sut({ state: 'EXERCISABLE', unitPrice: '1.00', approvalThreshold: '10.00', waiver: 'why not' })).toThrow(
        expect.objectContaining({ code: 'WAIVER_NOT_APPLICABLE' }),
      );
    });
  });

  describe('four-eyes', () => {
    const fiona = { id: 'rackeval-local|fiona', name: 'fiona' };
    const request = { requestedBy: 'fiona', requestedById: fiona.id };

    it('lets a second finance user review', () => {
      expect(() => assertFourEyes(request, { id: 'rackeval-local|farid', name: 'farid' })).not.toThrow();
    });

    it('compares issuer and subject, not the username shown', () => {
      expect(() => assertFourEyes(request, { id: 'other-issuer|fiona', name: 'fiona' })).not.toThrow();
      expect(() => assertFourEyes(request, { id: fiona.id, name: 'renamed' })).toThrow(expect.objectContaining({ code: 'FOUR_EYES_RULE' }));
    });

    it('forbids the requester from reviewing their own request (403 naming the rule)', () => {
      let error: unknown;
      try {
        assertFourEyes(request, fiona);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PurchaseOptionError);
      expect(error).toMatchObject({ kind: 'forbidden', code: 'FOUR_EYES_RULE' });
      expect((error as Error).message).toContain('four-eyes rule: fiona requested this exercise');
    });
  });

  it('refuses decisions once the window has closed', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    expect(() => assertWindowOpen(new Date('2026-03-01T12:00:00.001Z'), now)).not.toThrow();
    expect(() => assertWindowOpen(null, now)).not.toThrow();
    expect(() => assertWindowOpen(now, now)).toThrow(expect.objectContaining({ code: 'OPTION_WINDOW_CLOSED' }));
  });
});
