import { defineStateMachine, refuseAppliesOnlyTo } from '@rackeval/platform';
import { ResultsError, ResultsErrorCode } from '../results.errors';

/** A delivery waits (PENDING, retried with backoff) until the receiver accepts it or its attempts run out. */
export const FEED_DELIVERY_STATES = ['PENDING', 'DELIVERED', 'GAVE_UP'] as const;
export type FeedDeliveryState = (typeof FEED_DELIVERY_STATES)[number];

export const FEED_DELIVERY_ACTIONS = ['deliver', 'give-up', 'resend'] as const;
export type FeedDeliveryAction = (typeof FEED_DELIVERY_ACTIONS)[number];

/** A failed attempt with attempts left keeps the delivery PENDING (no transition); `resend` is an admin's. */
export const FEED_DELIVERY_TRANSITIONS: Readonly<
  Record<FeedDeliveryAction, { from: readonly FeedDeliveryState[]; to: FeedDeliveryState }>
> = {
  deliver: { from: ['PENDING'], to: 'DELIVERED' },
  'give-up': { from: ['PENDING'], to: 'GAVE_UP' },
  resend: { from: ['GAVE_UP'], to: 'PENDING' },
};

const machine = defineStateMachine<FeedDeliveryState, FeedDeliveryAction, (typeof FEED_DELIVERY_TRANSITIONS)[FeedDeliveryAction], string>(
  FEED_DELIVERY_TRANSITIONS,
  refuseAppliesOnlyTo('delivery', (message, details) => new ResultsError(ResultsErrorCode.ILLEGAL_TRANSITION, message, details)),
);

export const FeedDeliveryStateMachine = {
  /** The state after `action`, or a 409 naming the state and the states the action needs. */
  transition(deliveryId: string, current: FeedDeliveryState, action: FeedDeliveryAction): FeedDeliveryState {
    return machine.transition(current, action, deliveryId);
  },
};
