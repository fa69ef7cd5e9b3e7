import { Injectable } from '@nestjs/common';
import type { RackCorrectedV1, RackReceivedV1, RackReturnedFromRmaV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import { FindingRepository } from './finding.repository';
import { FindingRackRepository } from './finding-rack.repository';

/** Keeps what findings need of intake's racks (lot, BOM lines), fed by intake's rack events (see StandingConsumer). */
@Injectable()
export class FindingRacksService {
  async received(data: RackReceivedV1, tx: Transaction): Promise<void> {
    await this.record(data, tx);
  }

  async corrected(data: RackCorrectedV1, tx: Transaction): Promise<void> {
    await this.record(data, tx);
  }

  /** A rack back from an RMA under its serial carries its record as it came back. */
  async returned(data: RackReturnedFromRmaV1, tx: Transaction): Promise<void> {
    await this.record(data, tx);
  }

  private async record(data: RackReceivedV1 | RackCorrectedV1 | RackReturnedFromRmaV1, tx: Transaction): Promise<void> {
    const bom =
      data.bom?.map(({ partNumber, category, quantity, supplier, countryOfOrigin }) => ({
        partNumber,
        category,
        quantity,
        supplier,
        countryOfOrigin,
      })) ?? null;
    await FindingRackRepository.upsert(
      tx.manager,
      { rackSerial: data.rackSerial, generation: data.generation, lot: data.lot, bom },
      data.occurredAt,
    );
    await FindingRepository.fillLot(tx.manager, data.rackSerial, data.lot);
  }
}
