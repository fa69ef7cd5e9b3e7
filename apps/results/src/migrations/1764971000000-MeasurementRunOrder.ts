import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's measurements are listed by id (`WHERE run_id = $1 [AND id > $cursor] ORDER BY id`). With
 * the primary key on id alone the planner walked it in id order, filtering on the run — through
 * every other run's measurements before the run's first (400,000 rows for page 1 of a recent run),
 * since it assumes a run's rows are spread evenly. The primary key becomes (run_id, id): page 1 and
 * page 1,000 are both a range of the run's own rows, and the table keeps the same number of
 * indexes, so writing a measurement costs what it did. Ids stay unique (one sequence); nothing
 * looks a measurement up by id alone.
 */
export class MeasurementRunOrder1764971000000 implements MigrationInterface {
  name = 'MeasurementRunOrder1764971000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE measurement DROP CONSTRAINT measurement_pkey`);
    await queryRunner.query(`ALTER TABLE measurement ADD CONSTRAINT measurement_pkey PRIMARY KEY (run_id, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE measurement DROP CONSTRAINT measurement_pkey`);
    await queryRunner.query(`ALTER TABLE measurement ADD CONSTRAINT measurement_pkey PRIMARY KEY (id)`);
  }
}
