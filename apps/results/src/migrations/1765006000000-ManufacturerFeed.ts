import { appendOnly } from '@rackeval/platform';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The manufacturer's finding feed (apps/results/src/manufacturer-feed). A delivery is queued in the
 * same transaction as the finding's change: the change's history line (finding_history, written by
 * finding-transitions.ts) fires a trigger that queues one delivery for a report, a fix proposed,
 * rejected or verified, and a won't-fix of a finding the manufacturer was told of. So a delivery
 * exists exactly when its change committed (unique per history line), and one finding's deliveries
 * are numbered in the order of its changes. The finding and its evidence are copied as they stood
 * then, so every retry sends the same body. Nothing is queued while the feed is off
 * (manufacturer_feed_switch, set by the service at start from MANUFACTURER_WEBHOOK_URL).
 */
export class ManufacturerFeed1765006000000 implements MigrationInterface {
  name = 'ManufacturerFeed1765006000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE manufacturer_feed_switch (
        id         boolean PRIMARY KEY DEFAULT true CHECK (id),
        enabled    boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO manufacturer_feed_switch (id, enabled) VALUES (true, false)`);
    await queryRunner.query(`
      CREATE TABLE manufacturer_feed_delivery (
        id              bigserial PRIMARY KEY,
        event_id        uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        history_id      bigint NOT NULL UNIQUE REFERENCES finding_history (id),
        finding_id      uuid NOT NULL REFERENCES finding (id),
        rack_serial     text NOT NULL,
        type            text NOT NULL CHECK (type IN ('finding.reported', 'finding.fix-proposed', 'finding.fix-rejected',
                                                      'finding.verified', 'finding.wont-fix')),
        occurred_at     timestamptz NOT NULL,
        note            text,
        finding         jsonb NOT NULL,
        evidence        jsonb NOT NULL,
        state           text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'GAVE_UP')),
        attempts        integer NOT NULL DEFAULT 0,
        round_attempts  integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        lease_owner     text,
        lease_until     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        delivered_at    timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX manufacturer_feed_pending ON manufacturer_feed_delivery (finding_id, id) WHERE state = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX manufacturer_feed_due ON manufacturer_feed_delivery (next_attempt_at) WHERE state = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX manufacturer_feed_state ON manufacturer_feed_delivery (state, id)`);
    await queryRunner.query(`
      CREATE TABLE manufacturer_feed_attempt (
        id           bigserial PRIMARY KEY,
        delivery_id  bigint NOT NULL REFERENCES manufacturer_feed_delivery (id),
        attempt      integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        instance     text NOT NULL,
        url          text NOT NULL,
        status_code  integer,
        error        text,
        duration_ms  integer NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('DELIVERED', 'RETRY', 'GAVE_UP'))
      )`);
    await queryRunner.query(`CREATE INDEX manufacturer_feed_attempt_delivery ON manufacturer_feed_attempt (delivery_id, id)`);
    await queryRunner.query(`
      CREATE TABLE manufacturer_feed_delivery_history (
        id          bigserial PRIMARY KEY,
        delivery_id bigint NOT NULL REFERENCES manufacturer_feed_delivery (id),
        action      text NOT NULL,
        from_state  text NOT NULL,
        to_state    text NOT NULL,
        actor       text NOT NULL,
        at          timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX manufacturer_feed_delivery_history_delivery ON manufacturer_feed_delivery_history (delivery_id, id)`);
    await appendOnly(queryRunner, 'manufacturer_feed_attempt');
    await appendOnly(queryRunner, 'manufacturer_feed_delivery_history');

    // Runs as the role that writes the history line (the runtime role, which may insert deliveries),
    // on this schema's tables whatever the session's search_path.
    await queryRunner.query(`
      CREATE FUNCTION manufacturer_feed_enqueue() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      DECLARE
        feed_type text := CASE
          WHEN NEW.action = 'report' THEN 'finding.reported'
          WHEN NEW.action = 'propose-fix' THEN 'finding.fix-proposed'
          WHEN NEW.action = 'reject-fix' THEN 'finding.fix-rejected'
          WHEN NEW.action = 'verify' THEN 'finding.verified'
          WHEN NEW.action = 'wont-fix' AND NEW.from_state IN ('REPORTED_TO_MANUFACTURER', 'FIX_PROPOSED') THEN 'finding.wont-fix'
        END;
      BEGIN
        IF feed_type IS NULL OR NOT (SELECT enabled FROM manufacturer_feed_switch) THEN
          RETURN NULL;
        END IF;
        INSERT INTO manufacturer_feed_delivery (history_id, finding_id, rack_serial, type, occurred_at, note, finding, evidence)
        SELECT NEW.id, f.id, f.rack_serial, feed_type, NEW.at, NEW.note, to_jsonb(f) - 'source_key' - 'group_key' - 'part_number',
               coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'subject', a.subject, 'subjectId', a.subject_id,
                                                             'filename', a.filename, 'mediaType', a.media_type,
                                                             'size', a.size_bytes, 'sha256', a.sha256)
                                          ORDER BY a.subject, a.uploaded_at, a.id)
                           FROM attachment a
                          WHERE (a.subject = 'FINDING' AND a.subject_id = f.id)
                             OR (a.subject = 'RUN' AND a.subject_id = f.run_id)), '[]'::jsonb)
          FROM finding f
         WHERE f.id = NEW.finding_id
        ON CONFLICT (history_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER manufacturer_feed_enqueue AFTER INSERT ON finding_history
        FOR EACH ROW EXECUTE FUNCTION manufacturer_feed_enqueue()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER manufacturer_feed_enqueue ON finding_history`);
    await queryRunner.query(`DROP FUNCTION manufacturer_feed_enqueue()`);
    await queryRunner.query(`DROP TABLE manufacturer_feed_delivery_history`);
    await queryRunner.query(`DROP TABLE manufacturer_feed_attempt`);
    await queryRunner.query(`DROP TABLE manufacturer_feed_delivery`);
    await queryRunner.query(`DROP TABLE manufacturer_feed_switch`);
  }
}
