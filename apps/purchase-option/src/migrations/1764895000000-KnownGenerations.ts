import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generations intake registered (GenerationRegistered): terms are refused for any other. */
export class KnownGenerations1764895000000 implements MigrationInterface {
  name = 'KnownGenerations1764895000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE known_generation (
        code          text PRIMARY KEY,
        registered_at timestamptz NOT NULL
      )`);
    // Generations with terms or options here were accepted before this guard existed.
    await queryRunner.query(`
      INSERT INTO known_generation (code, registered_at)
      SELECT generation, min(at) FROM (
        SELECT generation, published_at AS at FROM option_terms UNION ALL SELECT generation, opened_at FROM purchase_option
      ) g GROUP BY generation`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE known_generation`);
  }
}
