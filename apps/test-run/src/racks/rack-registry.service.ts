import { Injectable, Logger } from '@nestjs/common';
import {
  GenerationRegisteredV1,
  RackFactV1,
  RackHeldV1,
  RackReceivedV1,
  RackReleasedV1,
  RackReturnedFromRmaV1,
  RackState,
  RackStateChangedV1,
} from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { EntityManager } from 'typeorm';
import { KnownRackEntity } from './known-rack.entity';
import { RackRegistryRepository } from './rack-registry.repository';

/**
 * Applies intake's events to the local read model. Rack events share one partition per serial, so
 * they arrive in intake's order and the last one names the rack's state. The read model is guarded
 * by each event's time (when intake published it, under the rack's row lock): an event older than
 * the last one applied — a dead letter replayed late — never moves the rack backwards. A rack event
 * seen before its RackReceived (never expected, but tolerated) still records the rack.
 */
@Injectable()
export class RackRegistryService {
  private readonly logger = new Logger(RackRegistryService.name);

  async generationRegistered(data: GenerationRegisteredV1, tx: Transaction): Promise<void> {
    await RackRegistryRepository.recordGeneration(tx.manager, data);
  }

  received(data: RackReceivedV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, 'RECEIVED', at, data.site);
  }

  released(data: RackReleasedV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, 'RELEASED_FOR_EVALUATION', at, data.site);
  }

  quarantined(data: RackFactV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, 'QUARANTINED', at);
  }

  rejected(data: RackFactV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, 'REJECTED_AT_INTAKE', at);
  }

  returned(data: RackFactV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, 'RETURNED', at);
  }

  stateChanged(data: RackStateChangedV1, tx: Transaction, at: string): Promise<void> {
    return this.moveTo(tx.manager, data, data.to, at);
  }

  /**
   * The rack came back from an RMA as its serial's next incarnation: its runs from now on are of
   * that incarnation, their attempts counted afresh. Monotonic: a return of an incarnation no later
   * than the one known (stale, or redelivered) is a no-op, never an error.
   */
  async returnedFromRma(data: RackReturnedFromRmaV1, tx: Transaction, at: string): Promise<void> {
    if (!(await RackRegistryRepository.advanceIncarnation(tx.manager, data, at))) {
      this.logger.log(
        `return of ${data.rackSerial} as incarnation ${data.incarnation} (RMA ${data.rmaNumber}) is not later than what test-run knows`,
      );
    }
  }

  /**
   * Intake held the rack: ON_HOLD with its reason. False when a later event was applied already
   * (a replayed hold must not abort a run scheduled after its release).
   */
  async held(data: RackHeldV1, tx: Transaction, at: string): Promise<boolean> {
    return RackRegistryRepository.hold(tx.manager, data, at);
  }

  findRack(manager: EntityManager, serial: string): Promise<KnownRackEntity | null> {
    return RackRegistryRepository.findRack(manager, serial);
  }

  /** Locks the generation row so concurrent plan versions are numbered one after the other. */
  lockGeneration(manager: EntityManager, code: string): Promise<boolean> {
    return RackRegistryRepository.lockGeneration(manager, code);
  }

  private moveTo(manager: EntityManager, fact: RackFactV1, state: RackState, eventTime: string, site?: string): Promise<void> {
    return RackRegistryRepository.moveTo(manager, fact, state, eventTime, site);
  }
}
