import { ResultsError } from '../results.errors';
import { FeedDeliveryStateMachine as sut } from './feed-delivery.state-machine';

describe('feed delivery state machine', () => {
  it('delivers or gives up a pending delivery, and sends a given-up one again', () => {
    expect(sut.transition('1', 'PENDING', 'deliver')).toBe('DELIVERED');
    expect(sut.transition('1', 'PENDING', 'give-up')).toBe('GAVE_UP');
    expect(sut.transition('1', 'GAVE_UP', 'resend')).toBe('PENDING');
  });

  it('refuses to send again a delivery that is not given up, naming its state (409)', () => {
    for (const state of ['PENDING', 'DELIVERED'] as const) {
      expect(() => sut.transition('7', state, 'resend')).toThrow(ResultsError);
      expect(() => sut.transition('7', state, 'resend')).toThrow(
        `delivery 7 is ${state}; "resend" applies only to a delivery that is GAVE_UP`,
      );
    }
    expect(() => sut.transition('7', 'DELIVERED', 'deliver')).toThrow('delivery 7 is DELIVERED');
  });
});
