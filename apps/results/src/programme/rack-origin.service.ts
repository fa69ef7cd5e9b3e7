import { Injectable } from '@nestjs/common';
import type { RackCorrectedV1, RackReceivedV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import { type RackOrigin, RackOriginRepository } from './rack-origin.repository';

/** Keeps each rack's lot and BOM suppliers from intake's events, for the programme's failures by lot and by supplier. */
@Injectable()
export class RackOriginService {
  received(data: RackReceivedV1, tx: Transaction): Promise<void> {
    return RackOriginRepository.received(tx.manager, originOf(data));
  }

  corrected(data: RackCorrectedV1, tx: Transaction): Promise<void> {
    return RackOriginRepository.corrected(tx.manager, { ...originOf(data), bomChanged: data.changed.includes('bom') });
  }
}

/** Both events carry the rack's record; older ones name no suppliers (null: unknown). */
const originOf = (data: RackReceivedV1 | RackCorrectedV1): RackOrigin => ({
  rackSerial: data.rackSerial,
  generation: data.generation,
  lot: data.lot,
  suppliers: data.suppliers ?? null,
  at: data.occurredAt,
});
