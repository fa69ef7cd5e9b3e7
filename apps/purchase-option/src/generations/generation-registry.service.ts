import { Injectable } from '@nestjs/common';
import type { GenerationRegisteredV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import type { EntityManager } from 'typeorm';
import { PurchaseOptionError, PurchaseOptionErrorCode } from '../purchase-option.errors';
import { KnownGenerationsRepository } from './known-generations.repository';

/** Generations are intake's: learnt from GenerationRegistered; terms need one (422 UNKNOWN_GENERATION otherwise). */
@Injectable()
export class GenerationRegistryService {
  registered(data: GenerationRegisteredV1, tx: Transaction): Promise<void> {
    return KnownGenerationsRepository.register(tx.manager, data.code, data.registeredAt);
  }

  async assertKnown(manager: EntityManager, generation: string, what: string): Promise<void> {
    if (await KnownGenerationsRepository.isKnown(manager, generation)) return;
    throw new PurchaseOptionError(
      PurchaseOptionErrorCode.UNKNOWN_GENERATION,
      `generation ${generation} is unknown: ${what} can only be set for a generation registered at intake`,
      [{ field: 'generation', message: `unknown generation ${generation}` }],
    );
  }
}
