/**
 * Dead letters of one service: list, show, replay.
 *
 *   npm run dlq -- list   --service intake [--all] [--json]
 *   npm run dlq -- show   --service intake <partition:offset>
 *   npm run dlq -- replay --service intake (--all | <partition:offset> ...)
 *
 * Reads KAFKA_BROKERS (127.0.0.1:9092) and KAFKA_TOPIC_PREFIX; connects as KAFKA_SASL_USERNAME
 * (admin: only the super user may read a dead-letter topic and write back to the original topic)
 * with KAFKA_SASL_PASSWORD (RACKEVAL_KAFKA_ADMIN_PASSWORD, rackeval-admin locally).
 * `list` shows dead letters not yet replayed (`--all`: every one). A replay sends the original
 * record back to its topic, in original order per partition; the consumers' inbox applies it at
 * most once, however often it is replayed.
 * Exit codes: 0 done, 1 bad usage or unknown dead letter, 2 broker unreachable.
 */
import 'reflect-metadata';
import { deadLetterTopic } from '@rackeval/contracts';
import { DeadLetter, DeadLetterStore } from '@rackeval/messaging';
import { Kafka, logLevel } from 'kafkajs';

const SERVICES = ['intake', 'test-run', 'results', 'purchase-option'];

function usage(message: string): never {
  console.error(
    `${message}\nusage: npm run dlq -- list|show|replay --service <${SERVICES.join('|')}> [--all] [--json] [partition:offset ...]`,
  );
  process.exit(1);
}

function parse(argv: string[]) {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((arg) => arg.startsWith('--') && !arg.startsWith('--service')));
  const serviceAt = rest.findIndex((arg) => arg === '--service' || arg.startsWith('--service='));
  const service = serviceAt < 0 ? undefined : rest[serviceAt].includes('=') ? rest[serviceAt].split('=')[1] : rest[serviceAt + 1];
  const ids = rest.filter((arg, i) => /^\d+:\d+$/.test(arg) && i !== serviceAt + 1);
  if (!['list', 'show', 'replay'].includes(command)) usage(`unknown command ${command ?? '(none)'}`);
  if (!service || !SERVICES.includes(service)) usage(`--service must be one of ${SERVICES.join(', ')}`);
  return { command, service, ids, all: flags.has('--all'), json: flags.has('--json') };
}

function line(letter: DeadLetter): string {
  const from = `${letter.originalTopic}[${letter.originalPartition}]@${letter.originalOffset}`;
  return `${letter.id.padEnd(8)} ${letter.replayed ? 'replayed' : 'parked  '} ${letter.failedAt} ${String(letter.key).padEnd(16)} ${letter.type ?? '(no type)'} from ${from}\n         ${letter.errorType}: ${letter.error}`;
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2));
  const sasl = {
    mechanism: 'scram-sha-512' as const,
    username: process.env.KAFKA_SASL_USERNAME ?? 'admin',
    password: process.env.KAFKA_SASL_PASSWORD ?? process.env.RACKEVAL_KAFKA_ADMIN_PASSWORD ?? 'rackeval-admin',
  };
  const kafka = new Kafka({
    clientId: 'rackeval-dlq',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    sasl,
    logLevel: logLevel.NOTHING,
    retry: { retries: 3 },
  });
  const store = new DeadLetterStore(kafka, deadLetterTopic(options.service));
  const letters = await store.list().catch((error: Error) => {
    console.error(`cannot read ${store.topic}: ${error.message}`);
    process.exit(2);
  });
  if (options.command === 'list') {
    const shown = options.all ? letters : letters.filter((letter) => !letter.replayed);
    if (options.json)
      console.log(
        JSON.stringify(
          shown.map(({ value, ...letter }) => ({ ...letter, value: value?.toString() ?? null })),
          null,
          2,
        ),
      );
    else console.log(shown.length ? shown.map(line).join('\n') : `no ${options.all ? '' : 'parked '}dead letters on ${store.topic}`);
    return;
  }
  const chosen = options.all && options.command === 'replay' ? letters : letters.filter((letter) => options.ids.includes(letter.id));
  const unknown = options.ids.filter((id) => !letters.some((letter) => letter.id === id));
  if (unknown.length) usage(`no dead letter ${unknown.join(', ')} on ${store.topic}`);
  if (options.command === 'show') {
    for (const letter of chosen) console.log(JSON.stringify({ ...letter, value: letter.value?.toString() ?? null }, null, 2));
    return;
  }
  if (!chosen.length) usage('name the dead letters to replay (partition:offset) or pass --all');
  const count = await store.replay(chosen);
  console.log(
    `replayed ${count} dead letter(s) from ${store.topic}${count < chosen.length ? ` (${chosen.length - count} already replayed or without a payload)` : ''}`,
  );
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(2);
});
