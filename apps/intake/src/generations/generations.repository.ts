import { EntityManager, MoreThan } from 'typeorm';
import { GenerationEntity } from './generation.entity';

/** The generation catalogue: registered once, read by code and listed by code. */
export const GenerationsRepository = {
  /** Inserts the generation unless its code is taken; false then. */
  async insertUnlessTaken(manager: EntityManager, generation: GenerationEntity): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(GenerationEntity)
      .values(generation)
      .orIgnore()
      .returning('code')
      .execute();
    return inserted.raw.length > 0;
  },

  /** The generation of a rack intake holds (a rack is only received for a registered generation). */
  get(manager: EntityManager, code: string): Promise<GenerationEntity> {
    return manager.findOneByOrFail(GenerationEntity, { code });
  },

  /** A keyset page by code, after `after` when given. */
  page(manager: EntityManager, after: string | undefined, take: number): Promise<GenerationEntity[]> {
    return manager.find(GenerationEntity, {
      where: after !== undefined ? { code: MoreThan(after) } : {},
      order: { code: 'ASC' },
      take,
    });
  },
};
