import { EntityManager, IsNull } from 'typeorm';
import { PurchaseOptionEntity, RackEvaluationEntity } from './option.entity';

export const OptionRepository = {
  find(manager: EntityManager, rackSerial: string): Promise<PurchaseOptionEntity | null> {
    return manager.findOneBy(PurchaseOptionEntity, { rackSerial });
  },

  evaluation(manager: EntityManager, rackSerial: string): Promise<RackEvaluationEntity | null> {
    return manager.findOneBy(RackEvaluationEntity, { rackSerial });
  },

  awaitingTerms(manager: EntityManager, generation: string): Promise<PurchaseOptionEntity[]> {
    return manager.find(PurchaseOptionEntity, { where: { generation, termsVersion: IsNull() }, order: { rackSerial: 'ASC' } });
  },

  /** Serialises the rack's opening and its evaluation, which arrive on different topics in any order. */
  async lockRack(manager: EntityManager, rackSerial: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('purchase-option:rack'), hashtext($1))`, [rackSerial]);
  },
};
