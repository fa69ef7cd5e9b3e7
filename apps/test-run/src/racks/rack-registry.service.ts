import { Injectable } from '@nestjs/common';
import {
  GenerationRegisteredV1,
  RackFactV1,
  RackHeldV1,
  RackReceivedV1,
  RackReleasedV1,
  RackState,
  RackStateChangedV1,
} from '@rackeval/contracts';
import { Transaction } from '@rackeval/messaging';
import { EntityManager } from 'typeorm';
import { KnownRackEntity } from './known-rack.entity';

/**
 * Applies intake's events to the local read model. Rack events share one partition per serial, so
 * they arrive in intake's order and the last one names the rack's state. The read model is guarded
 * by each event's time (when intake published it, under the rack's row lock): an event older than
 * the last one applied — a dead letter replayed late — never moves the rack backwards. A rack event
 * seen before its RackReceived (never expected, but tolerated) still records the rack.
 */
@Injectable()
export class RackRegistryService {
  async generationRegistered(data: GenerationRegisteredV1, tx: Transaction): Promise<void> {
    await tx.manager.query(
      `INSERT INTO known_generation (code, name, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [data.code, data.name, data.registeredAt],
    );
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
   * Intake held the rack: ON_HOLD with its reason. False when a later event was applied already
   * (a replayed hold must not abort a run scheduled after its release).
   */
  async held(data: RackHeldV1, tx: Transaction, at: string): Promise<boolean> {
    const rows: unknown[] = await tx.manager.query(
      `INSERT INTO known_rack (serial, generation, state, site, updated_at, last_event_at, hold_reason) VALUES ($1, $2, 'ON_HOLD', NULL, $3, $4, $5)
       ON CONFLICT (serial) DO UPDATE
         SET state = 'ON_HOLD', hold_reason = EXCLUDED.hold_reason, updated_at = EXCLUDED.updated_at, last_event_at = EXCLUDED.last_event_at
       WHERE known_rack.last_event_at IS NULL OR known_rack.last_event_at <= EXCLUDED.last_event_at
       RETURNING serial`,
      [data.rackSerial, data.generation, data.occurredAt, at, data.reason],
    );
    return rows.length === 1;
  }

  findRack(manager: EntityManager, serial: string): Promise<KnownRackEntity | null> {
    return manager.findOneBy(KnownRackEntity, { serial });
  }

  /** Locks the generation row so concurrent plan versions are numbered one after the other. */
  async lockGeneration(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT code FROM known_generation WHERE code = $1 FOR UPDATE`, [code]);
    return rows.length === 1;
  }

  private async moveTo(manager: EntityManager, fact: RackFactV1, state: RackState, eventTime: string, site?: string): Promise<void> {
    await manager.query(
      `INSERT INTO known_rack (serial, generation, state, site, updated_at, last_event_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (serial) DO UPDATE
         SET generation = EXCLUDED.generation, state = EXCLUDED.state,
             site = COALESCE(EXCLUDED.site, known_rack.site), updated_at = EXCLUDED.updated_at, last_event_at = EXCLUDED.last_event_at,
             hold_reason = CASE WHEN EXCLUDED.state = 'ON_HOLD' THEN known_rack.hold_reason END
       WHERE known_rack.last_event_at IS NULL OR known_rack.last_event_at <= EXCLUDED.last_event_at`,
      [fact.rackSerial, fact.generation, state, site ?? null, fact.occurredAt, eventTime],
    );
  }
}
