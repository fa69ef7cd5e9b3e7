import { EntityManager } from 'typeorm';
import { OptionTermsEntity } from './terms.entity';

export const TermsRepository = {
  latest(manager: EntityManager, generation: string): Promise<OptionTermsEntity | null> {
    return manager.findOne(OptionTermsEntity, { where: { generation }, order: { version: 'DESC' } });
  },

  version(manager: EntityManager, generation: string, version: number): Promise<OptionTermsEntity | null> {
    return manager.findOneBy(OptionTermsEntity, { generation, version });
  },

  /** Serialises publishing per generation against opening options and applying verdicts (shared). */
  async lockGeneration(manager: EntityManager, generation: string, mode: 'exclusive' | 'shared'): Promise<void> {
    const fn = mode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await manager.query(`SELECT ${fn}(hashtext('purchase-option:generation'), hashtext($1))`, [generation]);
  },
};
