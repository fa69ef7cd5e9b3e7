import { RackState, RmaState } from '@rackeval/contracts';
import { IntakeError, IntakeErrorCode } from '../intake.errors';

/** An RMA in these states holds its units: a rack is on at most one of them at a time. */
export const ACTIVE_RMA_STATES: readonly RmaState[] = ['OPEN', 'SHIPPED'];

/** A clock this far ahead of intake's (a harness, a laptop) still records a shipment "now", not one in the future. */
export const CLOCK_SKEW_MS = 60_000;

/** A rack named by a new RMA, as intake has it. */
export interface RmaCandidate {
  serial: string;
  state: RackState;
}

/** A rack already on an RMA that holds its units (OPEN or SHIPPED). */
export interface RackOnRma {
  serial: string;
  rmaNumber: string;
  state: RmaState;
}

/**
 * The units of a new RMA, checked in this order, each refusal naming every rack it concerns by its
 * place in the request (`serials[2]`): every serial known to intake (404), every rack AWAITING_RETURN,
 * its option over (409), and none already on another OPEN or SHIPPED RMA (409).
 */
export function assertRmaUnits(serials: readonly string[], racks: readonly RmaCandidate[], onRmas: readonly RackOnRma[]): void {
  const found = new Map(racks.map((rack) => [rack.serial, rack]));
  const unknown = serials.flatMap((serial, i) => (found.has(serial) ? [] : [{ serial, field: `serials[${i}]` }]));
  if (unknown.length) {
    throw new IntakeError(
      IntakeErrorCode.RACK_NOT_FOUND,
      `${list(unknown.map(({ serial }) => `rack ${serial}`))} ${unknown.length > 1 ? 'are' : 'is'} not known to intake`,
      unknown.map(({ serial, field }) => ({ field, message: `no rack ${serial}` })),
    );
  }
  const notAwaiting = serials.flatMap((serial, i) => {
    const { state } = found.get(serial)!;
    return state === 'AWAITING_RETURN' ? [] : [{ serial, state, field: `serials[${i}]` }];
  });
  if (notAwaiting.length) {
    throw new IntakeError(
      IntakeErrorCode.RACK_NOT_AWAITING_RETURN,
      `${list(notAwaiting.map(({ serial, state }) => `rack ${serial} is ${state}`))}; an RMA takes only racks AWAITING_RETURN (their option declined, lapsed or withdrawn)`,
      notAwaiting.map(({ field, state }) => ({ field, message: `is ${state}, not AWAITING_RETURN` })),
    );
  }
  const taken = new Map(onRmas.filter((entry) => ACTIVE_RMA_STATES.includes(entry.state)).map((entry) => [entry.serial, entry]));
  const onAnother = serials.flatMap((serial, i) => {
    const rma = taken.get(serial);
    return rma ? [{ serial, rma, field: `serials[${i}]` }] : [];
  });
  if (onAnother.length) {
    throw new IntakeError(
      IntakeErrorCode.RACK_ON_ANOTHER_RMA,
      `${list(onAnother.map(({ serial, rma }) => `rack ${serial} is on RMA ${rma.rmaNumber} (${rma.state})`))}; a rack is on one open or shipped RMA at a time`,
      onAnother.map(({ field, rma }) => ({ field, message: `on RMA ${rma.rmaNumber} (${rma.state})` })),
    );
  }
}

/** When the units left: a real UTC instant (checked by the DTO) that is not in the future. */
export function assertShippedAt(shippedAt: string, now: Date): void {
  if (Date.parse(shippedAt) <= now.getTime() + CLOCK_SKEW_MS) return;
  throw new IntakeError(IntakeErrorCode.INVALID_RMA, `shippedAt ${shippedAt} is in the future (it is now ${now.toISOString()})`, [
    { field: 'shippedAt', message: 'must not be in the future' },
  ]);
}

const list = (items: string[]) => items.join(', ');
