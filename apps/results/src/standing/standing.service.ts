import { Injectable } from '@nestjs/common';
import type { GenerationRegisteredV1, OptionStateChangedV1, RackFactV1, RackState, RackStateChangedV1 } from '@rackeval/contracts';
import type { Transaction } from '@rackeval/messaging';
import type { EntityManager } from 'typeorm';
import { ResultsError, ResultsErrorCode } from '../results.errors';
import { StandingRepository } from './standing.repository';
import { closedBecause } from './standing.rules';

/** Applies intake's generations and rack states and purchase-option's option states; answers the rules that need them. */
@Injectable()
export class StandingService {
  generationRegistered(data: GenerationRegisteredV1, tx: Transaction): Promise<void> {
    return StandingRepository.registerGeneration(tx.manager, data.code, data.cooling, data.registeredAt);
  }

  rackStateChanged(data: RackStateChangedV1, tx: Transaction): Promise<void> {
    return StandingRepository.setRackState(tx.manager, data.rackSerial, data.to, data.occurredAt);
  }

  rackMoved(data: RackFactV1, state: RackState, tx: Transaction): Promise<void> {
    return StandingRepository.setRackState(tx.manager, data.rackSerial, state, data.occurredAt);
  }

  optionStateChanged(data: OptionStateChangedV1, tx: Transaction): Promise<void> {
    return StandingRepository.setOptionState(tx.manager, data.rackSerial, data.to, data.occurredAt);
  }

  /** 422 UNKNOWN_GENERATION unless intake registered the generation (learnt from its events). */
  async assertKnownGeneration(manager: EntityManager, generation: string): Promise<void> {
    if (await StandingRepository.isKnownGeneration(manager, generation)) return;
    throw new ResultsError(
      ResultsErrorCode.UNKNOWN_GENERATION,
      `generation ${generation} is unknown: acceptance criteria can only be published for a generation registered at intake`,
      [{ field: 'generation', message: `unknown generation ${generation}` }],
    );
  }

  /** Why the rack's evaluation can no longer change (rule EVALUATION_CLOSED), or undefined while it can. */
  async closedBecause(manager: EntityManager, rackSerial: string): Promise<string | undefined> {
    return closedBecause(await StandingRepository.find(manager, rackSerial));
  }
}
