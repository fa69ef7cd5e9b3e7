import { MigrationInterface, QueryRunner } from 'typeorm';

/** Generations, deliveries, racks with their BOM, inspections, lifecycle history and parked lifecycle facts. */
export class IntakeSchema1764200000000 implements MigrationInterface {
  name = 'IntakeSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE generation (
        code                        text PRIMARY KEY,
        name                        text NOT NULL,
        cooling                     text NOT NULL CHECK (cooling IN ('air', 'direct-liquid', 'immersion')),
        rack_power_budget_kw        numeric(15,3) NOT NULL CHECK (rack_power_budget_kw > 0),
        gpus_per_rack               integer NOT NULL CHECK (gpus_per_rack > 0),
        domestic_content_target_pct numeric(5,2) NOT NULL CHECK (domestic_content_target_pct BETWEEN 0 AND 100),
        registered_by               text NOT NULL,
        registered_at               timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE delivery (
        reference     text PRIMARY KEY,
        site          text NOT NULL,
        received_at   timestamptz NOT NULL,
        request_hash  text NOT NULL,
        registered_by text NOT NULL,
        registered_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE rack (
        serial               text PRIMARY KEY,
        delivery_reference   text NOT NULL REFERENCES delivery (reference),
        generation           text NOT NULL REFERENCES generation (code),
        lot                  text NOT NULL,
        site                 text NOT NULL,
        state                text NOT NULL,
        bom_cost             numeric(34,4) NOT NULL,
        bom_currency         char(3) NOT NULL,
        domestic_content_pct numeric(5,2) NOT NULL,
        received_at          timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        version              integer NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX rack_delivery ON rack (delivery_reference)`);
    await queryRunner.query(`CREATE INDEX rack_generation_serial ON rack (generation, serial)`);
    await queryRunner.query(`CREATE INDEX rack_state_serial ON rack (state, serial)`);
    await queryRunner.query(`CREATE INDEX rack_site_serial ON rack (site, serial)`);
    await queryRunner.query(`
      CREATE TABLE bom_line (
        rack_serial       text NOT NULL REFERENCES rack (serial),
        line_no           integer NOT NULL,
        part_number       text NOT NULL,
        category          text NOT NULL,
        quantity          integer NOT NULL CHECK (quantity > 0),
        unit_cost         numeric(28,4) NOT NULL CHECK (unit_cost >= 0),
        currency          char(3) NOT NULL,
        supplier          text NOT NULL,
        country_of_origin char(2) NOT NULL,
        PRIMARY KEY (rack_serial, line_no)
      )`);
    await queryRunner.query(`
      CREATE TABLE inspection (
        id           uuid PRIMARY KEY,
        rack_serial  text NOT NULL REFERENCES rack (serial),
        outcome      text NOT NULL,
        checks       jsonb NOT NULL,
        note         text,
        inspected_by text NOT NULL,
        inspected_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX inspection_rack ON inspection (rack_serial, inspected_at)`);
    await queryRunner.query(`
      CREATE TABLE rack_history (
        seq            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rack_serial    text NOT NULL REFERENCES rack (serial),
        from_state     text,
        to_state       text NOT NULL,
        actor          text NOT NULL,
        reason         text NOT NULL,
        occurred_at    timestamptz NOT NULL,
        cause_event_id text,
        event_id       text
      )`);
    await queryRunner.query(`CREATE INDEX rack_history_rack ON rack_history (rack_serial, seq)`);
    await queryRunner.query(`
      CREATE TABLE deferred_rack_event (
        event_id    text PRIMARY KEY,
        rack_serial text NOT NULL REFERENCES rack (serial),
        fact        text NOT NULL,
        actor       text NOT NULL,
        reason      text NOT NULL,
        occurred_at timestamptz NOT NULL,
        deferred_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        resolution  text
      )`);
    await queryRunner.query(`CREATE INDEX deferred_rack_event_open ON deferred_rack_event (rack_serial, deferred_at) WHERE resolved_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['deferred_rack_event', 'rack_history', 'inspection', 'bom_line', 'rack', 'delivery', 'generation']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
