import type { PurchaseOption } from '../api';
import { sessionOf } from '../test-support/render';
import { canDecide, canExercise, canReview, homeFor, navigationFor, waiverRequired } from './roles';

const option = (change: Partial<PurchaseOption>): PurchaseOption =>
  ({
    rackSerial: 'RK-1',
    state: 'EXERCISABLE',
    terms: { unitPrice: '1200000.00', approvalThreshold: '1000000.00' },
    pendingRequest: null,
    evidence: { intakeRejection: null, value: { status: 'NO_TARGETS', costVerdict: null, missedTargets: [] } },
    ...change,
  }) as PurchaseOption;

const fiona = sessionOf('fiona', ['finance']);
const farid = sessionOf('farid', ['finance']);
const vic = sessionOf('vic', ['viewer']);

describe('role rules', () => {
  it('shows each person the pages of their work', () => {
    const labels = (roles: Parameters<typeof sessionOf>[1]) => navigationFor(sessionOf('u', roles)).map((item) => item.label);
    expect(labels(['intake'])).toEqual(['Programme', 'Rack board', 'RMAs', 'New delivery', 'Upload manifest']);
    for (const role of ['intake', 'test-engineer', 'finance', 'admin', 'viewer'] as const) expect(labels([role])).toContain('RMAs');
    for (const role of ['intake', 'test-engineer', 'finance', 'admin', 'viewer'] as const) expect(labels([role])[0]).toBe('Programme');
    expect(labels(['finance'])).toContain('Option queue');
    expect(labels(['test-engineer'])).not.toContain('Option queue');
    expect(labels(['viewer'])).not.toContain('Programme admin');
  });

  it('lands finance on the queue and intake on the delivery form', () => {
    expect(homeFor(fiona)).toBe('/options');
    expect(homeFor(sessionOf('ines', ['intake']))).toBe('/intake/delivery');
    expect(homeFor(sessionOf('tess', ['test-engineer']))).toBe('/racks');
  });

  it('lets finance decide an open option, never a viewer', () => {
    expect(canDecide(fiona, option({ state: 'EXERCISABLE' }))).toBe(true);
    expect(canDecide(fiona, option({ state: 'NOT_EXERCISABLE' }))).toBe(true);
    expect(canDecide(fiona, option({ state: 'PENDING_EVALUATION' }))).toBe(false);
    expect(canDecide(fiona, option({ state: 'EXERCISABLE', terms: null }))).toBe(false);
    expect(canDecide(vic, option({ state: 'EXERCISABLE' }))).toBe(false);
  });

  it('never offers the requester their own approval (four-eyes)', () => {
    const pending = option({
      state: 'PENDING_APPROVAL',
      pendingRequest: { requestedBy: 'fiona', requestedAt: '', rationale: 'r', waiver: null },
    });
    expect(canReview(fiona, pending)).toBe(false);
    expect(canReview(farid, pending)).toBe(true);
    expect(canReview(vic, pending)).toBe(false);
    expect(canReview(farid, option({ state: 'EXERCISABLE' }))).toBe(false);
  });

  it('asks for a waiver only to exercise a failed rack, or one that misses its cost targets', () => {
    expect(waiverRequired(option({ state: 'NOT_EXERCISABLE' }), 'EXERCISE')).toBe(true);
    expect(waiverRequired(option({ state: 'NOT_EXERCISABLE' }), 'DECLINE')).toBe(false);
    expect(waiverRequired(option({ state: 'EXERCISABLE' }), 'EXERCISE')).toBe(false);
    const cost = (value: object) =>
      option({ state: 'EXERCISABLE', evidence: { intakeRejection: null, value } as PurchaseOption['evidence'] });
    expect(waiverRequired(cost({ status: 'JUDGED', costVerdict: 'MISSES', missedTargets: ['maxUnitPrice'] }), 'EXERCISE')).toBe(true);
    expect(waiverRequired(cost({ status: 'INCOMPLETE', costVerdict: null, missedTargets: [] }), 'EXERCISE')).toBe(true);
    expect(waiverRequired(cost({ status: 'JUDGED', costVerdict: 'MEETS', missedTargets: [] }), 'EXERCISE')).toBe(false);
    expect(waiverRequired(cost({ status: 'JUDGED', costVerdict: 'MISSES', missedTargets: ['maxUnitPrice'] }), 'DECLINE')).toBe(false);
  });

  it('never offers to exercise a rack rejected at intake, waiver or not', () => {
    const rejected = option({
      state: 'NOT_EXERCISABLE',
      evidence: { intakeRejection: { reason: 'crushed', at: '' }, value: { status: 'NO_TARGETS' } } as PurchaseOption['evidence'],
    });
    expect(canExercise(rejected)).toBe(false);
    expect(waiverRequired(rejected, 'EXERCISE')).toBe(false);
    expect(canExercise(option({ state: 'NOT_EXERCISABLE' }))).toBe(true);
  });
});
