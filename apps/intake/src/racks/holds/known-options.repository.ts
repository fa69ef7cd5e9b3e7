import { OptionState } from '@rackeval/contracts';
import { EntityManager } from 'typeorm';

/** Intake's copy of each rack's option state, fed by purchase-option's OptionStateChanged. */
export const KnownOptionsRepository = {
  /** Applies one state change unless a later one was applied already (a replayed event never moves it back). */
  async record(manager: EntityManager, rackSerial: string, state: OptionState, eventTime: string): Promise<void> {
    await manager.query(
      `INSERT INTO known_option (rack_serial, state, last_event_at) VALUES ($1, $2, $3)
       ON CONFLICT (rack_serial) DO UPDATE SET state = EXCLUDED.state, last_event_at = EXCLUDED.last_event_at
       WHERE known_option.last_event_at <= EXCLUDED.last_event_at`,
      [rackSerial, state, eventTime],
    );
  },

  async stateOf(manager: EntityManager, rackSerial: string): Promise<OptionState | null> {
    const [row]: Array<{ state: OptionState }> = await manager.query(`SELECT state FROM known_option WHERE rack_serial = $1`, [rackSerial]);
    return row?.state ?? null;
  },
};
