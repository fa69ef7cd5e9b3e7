/**
 * Writes or checks libs/contracts/asyncapi.yaml, the AsyncAPI 3 document of EVENT_REGISTRY and WEBHOOKS.
 *
 *   npm run asyncapi         (--write)  regenerate the file
 *   npm run asyncapi-check   (--check)  exit 1 if the committed file is stale
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

// Topic names take KAFKA_TOPIC_PREFIX when the contracts load; the document names the real topics,
// so the variable goes before the registry is imported below.
delete process.env.KAFKA_TOPIC_PREFIX;

const ROOT = join(__dirname, '..');
const TARGET = join(ROOT, 'asyncapi.yaml');
const BANNER = '# Generated from EVENT_REGISTRY by scripts/generate-asyncapi.ts: do not edit, run `npm run asyncapi`.\n';

async function render(): Promise<string> {
  const { EVENT_REGISTRY } = await import('../src/events');
  const { WEBHOOKS } = await import('../src/webhooks');
  const { buildAsyncApiDocument } = await import('./asyncapi-document');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const document = buildAsyncApiDocument(EVENT_REGISTRY, version, WEBHOOKS);
  // No anchors: a reader (and a diff) sees every schema where it is used.
  return BANNER + stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 });
}

async function main(mode: string | undefined): Promise<number> {
  const text = await render();
  if (mode === '--write') {
    writeFileSync(TARGET, text);
    process.stdout.write(`wrote ${TARGET}\n`);
    return 0;
  }
  if (mode === '--check') {
    if (!existsSync(TARGET) || readFileSync(TARGET, 'utf8') !== text) {
      process.stderr.write('asyncapi.yaml is stale: run npm run asyncapi\n');
      return 1;
    }
    process.stdout.write('asyncapi.yaml is up to date: OK\n');
    return 0;
  }
  process.stderr.write('usage: generate-asyncapi.ts --write | --check\n');
  return 2;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`asyncapi generation failed: ${error.message}\n`);
    process.exit(1);
  },
);
