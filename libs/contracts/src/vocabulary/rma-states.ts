/**
 * intake: the life of a return merchandise authorisation (apps/intake/src/rmas/rma.state-machine.ts).
 * OPEN → SHIPPED → RECEIVED (the last unit came back), or OPEN → CANCELLED.
 */
export const RMA_STATES = ['OPEN', 'SHIPPED', 'RECEIVED', 'CANCELLED'] as const;
export type RmaState = (typeof RMA_STATES)[number];
