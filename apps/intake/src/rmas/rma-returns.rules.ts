import type { RackState, RmaReturnKind } from '@rackeval/contracts';
import type { ErrorDetail } from '@rackeval/platform';
import { IntakeError, IntakeErrorCode } from '../intake.errors';
import { CLOCK_SKEW_MS } from './rma.rules';

/** One unit of a receipt as asked: which serial came back, how, and under which new serial when replaced by one. */
export interface UnitReturn {
  serial: string;
  kind: RmaReturnKind;
  replacementSerial?: string;
}

/** A unit of the RMA as intake has it: its rack's state now, and whether it came back already. */
export interface RmaUnitStatus {
  serial: string;
  state: RackState;
  receivedAt: Date | null;
  kind: RmaReturnKind | null;
}

/**
 * The request on its own (400 INVALID_RMA naming each place): no serial twice, no replacement serial
 * twice, and a unit replaced under a new serial is REPLACED (a repaired unit keeps its serial).
 */
export function assertReturnRequest(units: readonly UnitReturn[]): void {
  const details: ErrorDetail[] = [
    ...repeats(
      units.map((unit) => unit.serial),
      'serial',
    ),
    ...repeats(
      units.map((unit) => unit.replacementSerial),
      'replacementSerial',
    ),
    ...units.flatMap((unit, i) =>
      unit.replacementSerial !== undefined && unit.kind !== 'REPLACED'
        ? [{ field: `units[${i}].kind`, message: `must be REPLACED when replacementSerial is given (not ${unit.kind})` }]
        : [],
    ),
  ];
  if (details.length) {
    throw new IntakeError(IntakeErrorCode.INVALID_RMA, `the receipt is inconsistent: ${details.map(describe).join('; ')}`, details);
  }
}

/** When the units came back: a real UTC instant (checked by the DTO), not in the future and not before they left. */
export function assertReceivedAt(receivedAt: string, shippedAt: Date | null, now: Date): void {
  const at = Date.parse(receivedAt);
  if (at > now.getTime() + CLOCK_SKEW_MS) {
    throw new IntakeError(IntakeErrorCode.INVALID_RMA, `receivedAt ${receivedAt} is in the future (it is now ${now.toISOString()})`, [
      { field: 'receivedAt', message: 'must not be in the future' },
    ]);
  }
  if (shippedAt && at < shippedAt.getTime()) {
    throw new IntakeError(
      IntakeErrorCode.INVALID_RMA,
      `receivedAt ${receivedAt} is before the RMA's units were shipped (${shippedAt.toISOString()})`,
      [{ field: 'receivedAt', message: `must not be before shippedAt ${shippedAt.toISOString()}` }],
    );
  }
}

/**
 * Every unit named is one of the RMA's, still with the manufacturer (RETURNED_FOR_RMA) and not back
 * yet: otherwise a 409 naming each such unit by its place in the request (`units[1].serial`).
 */
export function assertUnitsOut(rmaNumber: string, units: readonly UnitReturn[], onRma: readonly RmaUnitStatus[]): void {
  const bySerial = new Map(onRma.map((unit) => [unit.serial, unit]));
  const refused = units.flatMap(({ serial }, i) => {
    const unit = bySerial.get(serial);
    const field = `units[${i}].serial`;
    if (!unit) return [{ field, why: `rack ${serial} is not a unit of RMA ${rmaNumber}`, message: `not a unit of RMA ${rmaNumber}` }];
    if (unit.receivedAt) {
      const when = unit.receivedAt.toISOString();
      return [{ field, why: `rack ${serial} came back already (${unit.kind} at ${when})`, message: `already received at ${when}` }];
    }
    if (unit.state !== 'RETURNED_FOR_RMA') {
      return [{ field, why: `rack ${serial} is ${unit.state}, not RETURNED_FOR_RMA`, message: `is ${unit.state}, not RETURNED_FOR_RMA` }];
    }
    return [];
  });
  if (!refused.length) return;
  throw new IntakeError(
    IntakeErrorCode.ILLEGAL_TRANSITION,
    `${refused.map((entry) => entry.why).join('; ')}; RMA ${rmaNumber} receives back only its own units that are still with the manufacturer (${onRma.map((unit) => unit.serial).join(', ')})`,
    refused.map(({ field, message }) => ({ field, message })),
  );
}

/** A replacement arrives under a serial intake has never seen: a known one is a 409 naming it. */
export function assertReplacementsNew(units: readonly UnitReturn[], known: readonly string[]): void {
  const taken = new Set(known);
  const details = units.flatMap((unit, i) =>
    unit.replacementSerial !== undefined && taken.has(unit.replacementSerial)
      ? [{ field: `units[${i}].replacementSerial`, message: `${unit.replacementSerial} is already known to intake` }]
      : [],
  );
  if (!details.length) return;
  throw new IntakeError(
    IntakeErrorCode.RACK_ALREADY_ON_SITE,
    `rack ${[...taken].join(', ')} already known to intake; a replacement unit comes back under a new serial`,
    details,
  );
}

/** The line in the rack's history when the unit comes back under its serial. */
export function returnedReason(kind: RmaReturnKind, rmaNumber: string, incarnation: number, note?: string): string {
  return `returned ${kind} under RMA ${rmaNumber}, incarnation ${incarnation}${note ? `: ${note}` : ''}`;
}

/** The old unit's line in its history, and the reason its RackReturned carries, when another serial replaces it. */
export function replacedReason(replacementSerial: string, rmaNumber: string, note?: string): string {
  return `replaced by ${replacementSerial} under RMA ${rmaNumber}${note ? `: ${note}` : ''}`;
}

/** Each repeat of a value, naming the place of its first occurrence. */
function repeats(values: ReadonlyArray<string | undefined>, key: string): ErrorDetail[] {
  const firstAt = new Map<string, number>();
  return values.flatMap((value, i) => {
    if (value === undefined) return [];
    const first = firstAt.get(value);
    if (first === undefined) {
      firstAt.set(value, i);
      return [];
    }
    return [{ field: `units[${i}].${key}`, message: `${value} is repeated (first at units[${first}].${key})` }];
  });
}

const describe = (detail: ErrorDetail) => `${detail.field} ${detail.message}`;
