import { MessagingTables1764028800000 } from './1764028800000-MessagingTables';
import { OutboxRelayLease1764460800000 } from './1764460800000-OutboxRelayLease';

/** The event runtime's tables, in the order they were added; every service lists them first. */
export const MESSAGING_MIGRATIONS = [MessagingTables1764028800000, OutboxRelayLease1764460800000];
