import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The manufacturer's feed queues its deliveries in code now: FindingTransitions, after a finding's
 * history line, asks the feed (manufacturer-feed/feed-changes.rules.ts decides which changes reach
 * the manufacturer) to insert the delivery in the same transaction, and an instance without
 * MANUFACTURER_WEBHOOK_URL queues nothing. The trigger on finding_history, its function and the
 * switch each instance set at start go. Deliveries already queued stay as they are.
 */
export class ManufacturerFeedQueuedInCode1765021000000 implements MigrationInterface {
  name = 'ManufacturerFeedQueuedInCode1765021000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER manufacturer_feed_enqueue ON finding_history`);
    await queryRunner.query(`DROP FUNCTION manufacturer_feed_enqueue()`);
    await queryRunner.query(`DROP TABLE manufacturer_feed_switch`);
  }

  /** Back to the trigger of ManufacturerFeed1765006000000, switched off until the service sets it at start. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE manufacturer_feed_switch (
        id         boolean PRIMARY KEY DEFAULT true CHECK (id),
        enabled    boolean NOT NULL DEFAULT false,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO manufacturer_feed_switch (id, enabled) VALUES (true, false)`);
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
}
