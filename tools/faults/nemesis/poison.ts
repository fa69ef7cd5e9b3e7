import { randomUUID } from 'node:crypto';
import { sleep } from '../support/log';
import { GENERATION } from '../workload/programme';
import { act, Nemesis, NemesisContext } from './nemesis';

type Headers = Record<string, string>;

const envelope = (type: string, subject: string, source = 'faults/poison'): Headers => ({
  ce_specversion: '1.0',
  ce_id: `poison-${randomUUID()}`,
  ce_source: source,
  ce_type: type,
  ce_time: new Date().toISOString(),
  ce_subject: subject,
  ce_correlationid: randomUUID(),
  'content-type': 'application/json',
});

/** A payload that satisfies the RackReceived contract. */
const received = (serial: string, lot = 'LOT-P') => ({
  rackSerial: serial,
  generation: GENERATION,
  occurredAt: new Date().toISOString(),
  actor: 'poison',
  deliveryReference: `DLV-${serial}`,
  site: 'PDX-1',
  lot,
  domesticContentPct: '50.00',
  domesticContentTargetPct: '40.00',
  bomCost: '100.00',
  bomCurrency: 'USD',
});

/**
 * Records no producer of rackeval would write, keyed like live racks so that they share their
 * partitions: each must be parked (or skipped) while the real events around it keep flowing.
 */
function poisonRecords(context: NemesisContext) {
  const serial = () => context.random.pick(context.racks).serial;
  const { topics } = context.system;
  const received1 = 'rackeval.intake.rack.received.v1';
  const s = [serial(), serial(), serial(), serial(), serial(), serial()];
  return [
    {
      kind: 'contract violation',
      topic: topics.intakeRacks,
      key: s[0],
      value: JSON.stringify({ rackSerial: s[0], generation: 'lower-case!' }),
      headers: envelope(received1, s[0]),
    },
    { kind: 'no ce_* headers', topic: topics.intakeRacks, key: s[1], value: JSON.stringify(received(s[1])), headers: {} },
    { kind: 'not JSON', topic: topics.intakeRacks, key: s[2], value: '{"rackSerial": "RK-', headers: envelope(received1, s[2]) },
    {
      kind: 'unknown version v9',
      topic: topics.intakeRacks,
      key: s[3],
      value: JSON.stringify(received(s[3])),
      headers: envelope('rackeval.intake.rack.received.v9', s[3]),
    },
    {
      kind: 'evaluation of a rack nobody knows',
      topic: topics.resultsEvaluations,
      key: 'RK-NOBODY-1',
      value: JSON.stringify({
        rackSerial: 'RK-NOBODY-1',
        generation: GENERATION,
        outcome: 'PASSED',
        criteriaMet: 2,
        criteriaTotal: 2,
        failedSuites: [],
        occurredAt: new Date().toISOString(),
      }),
      headers: envelope('rackeval.results.rack.evaluation-completed.v1', 'RK-NOBODY-1', 'faults/poison-results'),
    },
    nearMaxBytes(topics.intakeRacks, s[4], envelope(received1, s[4])),
  ];
}

/** The broker's default message.max.bytes; the record batch, with its ~70 bytes of framing, must fit. */
const MAX_MESSAGE_BYTES = 1_048_588;

/**
 * A valid-looking record (too long a lot for the contract) a little under the broker's limit:
 * the dead letter for it, with its error headers added, no longer fits.
 */
function nearMaxBytes(topic: string, key: string, headers: Headers) {
  const headerBytes = Object.entries(headers).reduce((sum, [name, value]) => sum + name.length + value.length + 2, 0);
  const skeleton = JSON.stringify(received(key, ''));
  const lot = MAX_MESSAGE_BYTES - 200 - headerBytes - key.length - skeleton.length;
  return { kind: 'near max.message.bytes', topic, key, value: JSON.stringify(received(key, 'L'.repeat(lot))), headers };
}

export const poisonNemesis: Nemesis = {
  name: 'poison',
  description: 'poison records written straight to consumed topics',
  async run(context) {
    const producer = context.kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await sleep(context.random.int(1_000, 2_000));
      for (const record of poisonRecords(context)) {
        act(context, `poison (${record.kind}) to ${record.topic.slice(context.system.setting.prefix.length)} key ${record.key}`);
        await producer.send({
          topic: record.topic,
          acks: -1,
          messages: [{ key: record.key, value: record.value, headers: record.headers }],
        });
        await sleep(context.random.int(300, 1_200));
      }
    } finally {
      await producer.disconnect();
    }
  },
};
