import { FINDING_TRANSITIONS } from '../findings/finding.state-machine';
import { feedTypeOf } from './feed-changes.rules';

describe('which changes of a finding reach the manufacturer', () => {
  it('sends the report and each later step of the fix', () => {
    expect(feedTypeOf({ action: 'report', fromState: 'TRIAGED' })).toBe('finding.reported');
    expect(feedTypeOf({ action: 'propose-fix', fromState: 'REPORTED_TO_MANUFACTURER' })).toBe('finding.fix-proposed');
    expect(feedTypeOf({ action: 'reject-fix', fromState: 'FIX_PROPOSED' })).toBe('finding.fix-rejected');
    expect(feedTypeOf({ action: 'verify', fromState: 'FIX_PROPOSED' })).toBe('finding.verified');
  });

  it("sends a won't-fix only of a finding the manufacturer was told of", () => {
    expect(feedTypeOf({ action: 'wont-fix', fromState: 'REPORTED_TO_MANUFACTURER' })).toBe('finding.wont-fix');
    expect(feedTypeOf({ action: 'wont-fix', fromState: 'FIX_PROPOSED' })).toBe('finding.wont-fix');
    expect(feedTypeOf({ action: 'wont-fix', fromState: 'OPEN' })).toBeNull();
    expect(feedTypeOf({ action: 'wont-fix', fromState: 'TRIAGED' })).toBeNull();
  });

  it("keeps the team's own working to itself: opening, triage, notes, attachments and RMA links", () => {
    expect(feedTypeOf({ action: 'open', fromState: null })).toBeNull();
    expect(feedTypeOf({ action: 'triage', fromState: 'OPEN' })).toBeNull();
    expect(feedTypeOf({ action: 'triage', fromState: 'TRIAGED' })).toBeNull();
    expect(feedTypeOf({ action: 'note', fromState: 'REPORTED_TO_MANUFACTURER' })).toBeNull();
    expect(feedTypeOf({ action: 'attach', fromState: 'FIX_PROPOSED' })).toBeNull();
    expect(feedTypeOf({ action: 'link-rma', fromState: 'REPORTED_TO_MANUFACTURER' })).toBeNull();
  });

  it('names a feed type for every transition that leaves a reported finding', () => {
    const fromReported = Object.entries(FINDING_TRANSITIONS).flatMap(([action, rule]) =>
      rule.from
        .filter((from) => from === 'REPORTED_TO_MANUFACTURER' || from === 'FIX_PROPOSED')
        .map((fromState) => ({ action, fromState })),
    );
    expect(fromReported.length).toBeGreaterThan(0);
    for (const change of fromReported) expect({ change, type: feedTypeOf(change) }).toEqual({ change, type: expect.any(String) });
  });
});
