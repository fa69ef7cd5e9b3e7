import type { EntityManager } from 'typeorm';

/** purchase-option's copy of intake's generation catalogue (codes only). */
export const KnownGenerationsRepository = {
  async register(manager: EntityManager, code: string, registeredAt: string): Promise<void> {
    await manager.query(`INSERT INTO known_generation (code, registered_at) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING`, [
      code,
      registeredAt,
    ]);
  },

  async isKnown(manager: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM known_generation WHERE code = $1`, [code]);
    return rows.length === 1;
  },
};
