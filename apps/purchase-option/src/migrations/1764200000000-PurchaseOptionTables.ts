import { MigrationInterface, QueryRunner } from 'typeorm';

const OPTION_STATES = `'PENDING_EVALUATION','EXERCISABLE','NOT_EXERCISABLE','PENDING_APPROVAL','EXERCISED','DECLINED','LAPSED'`;

/** Terms, the option read model, evaluations that may arrive before their rack, and the append-only audit trail. */
export class PurchaseOptionTables1764200000000 implements MigrationInterface {
  name = 'PurchaseOptionTables1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE option_terms (
        generation         text NOT NULL,
        version            integer NOT NULL CHECK (version >= 1),
        unit_price         numeric(26,2) NOT NULL CHECK (unit_price >= 0),
        currency           char(3) NOT NULL,
        window_days        integer NOT NULL CHECK (window_days >= 0),
        approval_threshold numeric(26,2) NOT NULL CHECK (approval_threshold >= 0),
        published_by       text NOT NULL,
        published_at       timestamptz NOT NULL,
        PRIMARY KEY (generation, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE rack_evaluation (
        rack_serial          text PRIMARY KEY,
        generation           text NOT NULL,
        outcome              text NOT NULL CHECK (outcome IN ('PASSED','FAILED')),
        criteria_met         integer NOT NULL,
        criteria_total       integer NOT NULL,
        performance          jsonb,
        power                jsonb,
        performance_per_watt jsonb,
        failed_suites        jsonb NOT NULL,
        concluded_at         timestamptz NOT NULL,
        event_id             text NOT NULL,
        recorded_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE purchase_option (
        rack_serial                 text PRIMARY KEY,
        generation                  text NOT NULL,
        state                       text NOT NULL CHECK (state IN (${OPTION_STATES})),
        terms_version               integer,
        delivery_reference          text NOT NULL,
        site                        text NOT NULL,
        lot                         text NOT NULL,
        domestic_content_pct        numeric(9,2) NOT NULL,
        domestic_content_target_pct numeric(9,2) NOT NULL,
        bom_cost                    numeric(26,2) NOT NULL,
        bom_currency                text NOT NULL,
        received_at                 timestamptz NOT NULL,
        opened_at                   timestamptz NOT NULL,
        verdict_at                  timestamptz,
        expires_at                  timestamptz,
        requested_by                text,
        requested_at                timestamptz,
        request_rationale           text,
        request_waiver              text,
        requested_from              text CHECK (requested_from IN (${OPTION_STATES})),
        last_rejection_by           text,
        last_rejection_at           timestamptz,
        last_rejection_note         text,
        decided_by                  text,
        approved_by                 text,
        decision_rationale          text,
        waiver                      text,
        ended_at                    timestamptz,
        version                     integer NOT NULL DEFAULT 1,
        updated_at                  timestamptz NOT NULL,
        FOREIGN KEY (generation, terms_version) REFERENCES option_terms (generation, version)
      )`);
    await queryRunner.query(`CREATE INDEX purchase_option_by_expiry ON purchase_option (expires_at, rack_serial)`);
    await queryRunner.query(
      `CREATE INDEX purchase_option_awaiting_terms ON purchase_option (generation) WHERE terms_version IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE option_audit (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rack_serial   text NOT NULL,
        action        text NOT NULL,
        actor         text NOT NULL,
        occurred_at   timestamptz NOT NULL,
        from_state    text,
        to_state      text,
        reason        text NOT NULL,
        waiver        text,
        terms_version integer,
        unit_price    numeric(26,2),
        currency      text
      )`);
    await queryRunner.query(`CREATE INDEX option_audit_by_rack ON option_audit (rack_serial, id)`);
    // Enforced in the database so that no role and no code path can rewrite history.
    await queryRunner.query(`
      CREATE FUNCTION refuse_history_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of ['option_audit', 'option_terms']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_history_rewrite()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_rewrite()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE option_audit`);
    await queryRunner.query(`DROP TABLE purchase_option`);
    await queryRunner.query(`DROP TABLE rack_evaluation`);
    await queryRunner.query(`DROP TABLE option_terms`);
    await queryRunner.query(`DROP FUNCTION refuse_history_rewrite()`);
  }
}
