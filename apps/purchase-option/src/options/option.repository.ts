import { Any, EntityManager, IsNull, LessThan } from 'typeorm';
import { TermsRepository } from '../terms/terms.repository';
import { PurchaseOptionEntity, RackEvaluationEntity } from './option.entity';

export const OptionRepository = {
  find(manager: EntityManager, rackSerial: string): Promise<PurchaseOptionEntity | null> {
    return manager.findOneBy(PurchaseOptionEntity, { rackSerial });
  },

  /** A new option, in its initial state (its first audit line is option-transitions.ts's). */
  insert(manager: EntityManager, option: PurchaseOptionEntity): Promise<unknown> {
    return manager.insert(PurchaseOptionEntity, option);
  },

  /**
   * Changes columns other than the state, guarded by the option's version (`changes` carries the
   * next one); false when someone changed the option since it was read. State changes are option-transitions.ts's.
   */
  async updateUnlessChanged(
    manager: EntityManager,
    option: Pick<PurchaseOptionEntity, 'rackSerial' | 'version'>,
    changes: Partial<PurchaseOptionEntity>,
  ): Promise<boolean> {
    const result = await manager.update(PurchaseOptionEntity, { rackSerial: option.rackSerial, version: option.version }, changes);
    return result.affected === 1;
  },

  evaluation(manager: EntityManager, rackSerial: string): Promise<RackEvaluationEntity | null> {
    return manager.findOneBy(RackEvaluationEntity, { rackSerial });
  },

  /** The kept evaluations of the racks; one array parameter, however many (a bind parameter per serial stops at 65,535). */
  evaluations(manager: EntityManager, rackSerials: string[]): Promise<RackEvaluationEntity[]> {
    return manager.findBy(RackEvaluationEntity, { rackSerial: Any(rackSerials) });
  },

  addEvaluation(manager: EntityManager, evaluation: RackEvaluationEntity): Promise<unknown> {
    return manager.insert(RackEvaluationEntity, evaluation);
  },

  /** Drops the kept evaluation (a re-opened verdict), so the next conclusion applies. */
  dropEvaluation(manager: EntityManager, rackSerial: string): Promise<unknown> {
    return manager.delete(RackEvaluationEntity, { rackSerial });
  },

  /** Drops a kept evaluation of an incarnation before `incarnation` (the unit came back: its verdict is history). */
  dropEvaluationBefore(manager: EntityManager, rackSerial: string, incarnation: number): Promise<unknown> {
    return manager.delete(RackEvaluationEntity, { rackSerial, incarnation: LessThan(incarnation) });
  },

  awaitingTerms(manager: EntityManager, generation: string): Promise<PurchaseOptionEntity[]> {
    return manager.find(PurchaseOptionEntity, { where: { generation, termsVersion: IsNull() }, order: { rackSerial: 'ASC' } });
  },

  /** Serialises the rack's opening and its evaluation, which arrive on different topics in any order. */
  async lockRack(manager: EntityManager, rackSerial: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('purchase-option:rack'), hashtext($1))`, [rackSerial]);
  },

  /**
   * The rack's lock, then a shared hold on its generation's terms: for a fact that may meet that
   * generation's terms being approved (they attach to the options waiting for them).
   */
  async lockRackAndTerms(manager: EntityManager, fact: { rackSerial: string; generation: string }): Promise<void> {
    await OptionRepository.lockRack(manager, fact.rackSerial);
    await TermsRepository.lockGeneration(manager, fact.generation, 'shared');
  },
};
