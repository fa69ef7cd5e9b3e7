import type { CoolingType, OptionState, RackState } from '@rackeval/contracts';
import type { EntityManager } from 'typeorm';
import type { RackStanding } from './standing.rules';

/** Results' read model of intake's generations and of each rack's rack and option state. */
export const StandingRepository = {
  async registerGeneration(manager: EntityManager, code: string, cooling: CoolingType, registeredAt: string): Promise<void> {
    await manager.query(
      `INSERT INTO known_generation (code, cooling, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET cooling = EXCLUDED.cooling`,
      [code, cooling, registeredAt],
    );
  },

  async isKnownGeneration(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM known_generation WHERE code = $1`, [code]);
    return rows.length === 1;
  },

  /** Each column follows one producer's ordered stream (one partition per rack), so the latest event names the state. */
  async setRackState(manager: EntityManager, rackSerial: string, state: RackState, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO rack_standing (rack_serial, rack_state, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (rack_serial) DO UPDATE SET rack_state = EXCLUDED.rack_state, updated_at = EXCLUDED.updated_at`,
      [rackSerial, state, at],
    );
  },

  async setOptionState(manager: EntityManager, rackSerial: string, state: OptionState, at: string): Promise<void> {
    await manager.query(
      `INSERT INTO rack_standing (rack_serial, option_state, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (rack_serial) DO UPDATE SET option_state = EXCLUDED.option_state, updated_at = EXCLUDED.updated_at`,
      [rackSerial, state, at],
    );
  },

  async find(manager: EntityManager, rackSerial: string): Promise<RackStanding | undefined> {
    const [row] = await manager.query(`SELECT rack_state, option_state FROM rack_standing WHERE rack_serial = $1`, [rackSerial]);
    return row ? { rackState: row.rack_state, optionState: row.option_state } : undefined;
  },
};
