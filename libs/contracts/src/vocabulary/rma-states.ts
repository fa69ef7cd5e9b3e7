/**
 * intake: the life of a return merchandise authorisation (apps/intake/src/rmas/rma.state-machine.ts).
 * Receiving the repaired or replaced unit back will add its states after SHIPPED.
 */
export const RMA_STATES = ['OPEN', 'SHIPPED', 'CANCELLED'] as const;
export type RmaState = (typeof RMA_STATES)[number];
