/**
 * Dead letters can be listed, inspected and replayed: once the cause is fixed, a replay applies
 * each parked event exactly once, in its original order, however often it is run.
 */
import { deadLetterTopic, RackReceived, Topics } from '@rackeval/contracts';
import { DeadLetterStore } from '@rackeval/messaging';
import { produceRaw, testEventRecord, testKafka, waitFor, withDatabase } from '@rackeval/testing';
import { ledgerFaults, rackReceived } from './fixtures/ledger.fixture';
import { LedgerHarness } from './fixtures/ledger.harness';

const record = (id: string, serial: string, key = serial) => ({
  ...testEventRecord(RackReceived, rackReceived(serial), { id, correlationid: `corr-${id}` }),
  key,
});

describe('dead-letter replay', () => {
  let sut: LedgerHarness;
  beforeAll(async () => (sut = await LedgerHarness.create()));
  afterAll(async () => {
    ledgerFaults.refuseBroken = true;
    await sut.dispose();
  });

  it('lists parked events with their error, then replays them once each, in order, after the fix', async () => {
    const ledger = await sut.start({ CONSUMER_MAX_ATTEMPTS: '2', CONSUMER_RETRY_BASE_MS: '20' });
    const schema = ledger.config.DATABASE_SCHEMA;
    const store = new DeadLetterStore(testKafka(), deadLetterTopic('intake'));
    // Two failing events of one key, in this order.
    await produceRaw(Topics.intakeRacks, [record('replay-a', 'BROKEN-R1', 'RK-REPLAY'), record('replay-b', 'BROKEN-R2', 'RK-REPLAY')]);
    const parked = await waitFor('both parked', async () => {
      const mine = (await store.list()).filter((letter) => ['replay-a', 'replay-b'].includes(letter.eventId!));
      return mine.length === 2 ? mine : undefined;
    });
    expect(parked.map((letter) => [letter.eventId, letter.replayed, letter.errorType])).toEqual([
      ['replay-a', false, 'Error'],
      ['replay-b', false, 'Error'],
    ]);
    expect(parked[0].error).toBe('ledger cannot take BROKEN-R1');
    expect(parked[0].originalTopic).toBe(Topics.intakeRacks);

    ledgerFaults.refuseBroken = false;
    expect(await store.replay(parked)).toBe(2);
    await waitFor('both applied', async () => (await sut.ledgerRows(schema, 'BROKEN-R2')).length === 1);
    const applied = await withDatabase(
      async (db) =>
        (await db.query(`SELECT event_id, correlation_id FROM "${schema}".ledger_entry WHERE rack_serial LIKE 'BROKEN-R%' ORDER BY id`))
          .rows,
    );
    expect(applied).toEqual([
      { event_id: 'replay-a', correlation_id: 'corr-replay-a' },
      { event_id: 'replay-b', correlation_id: 'corr-replay-b' },
    ]);

    // Listed as replayed; replaying again sends nothing, and nothing is applied twice.
    const after = (await store.list()).filter((letter) => ['replay-a', 'replay-b'].includes(letter.eventId!));
    expect(after.map((letter) => letter.replayed)).toEqual([true, true]);
    expect(await store.replay(after)).toBe(0);
    await produceRaw(Topics.intakeRacks, [record('replay-c', 'RK-AFTER-REPLAY')]);
    await waitFor('a later event applied', async () => (await sut.ledgerRows(schema, 'RK-AFTER-REPLAY')).length === 1);
    expect(await sut.ledgerRows(schema, 'BROKEN-R1')).toHaveLength(1);
    expect(await sut.ledgerRows(schema, 'BROKEN-R2')).toHaveLength(1);
  });
});
