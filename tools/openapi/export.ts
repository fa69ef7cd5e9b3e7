/**
 * Writes or checks the OpenAPI documents of the four services, libs/contracts/openapi/<service>.openapi.json,
 * built from each service's controllers without a database or broker. Either mode fails when an
 * operation does not declare its success body and its 4xx answers (completeness.ts). The client's
 * types are derived from the committed documents by client-types.mjs, which `npm run openapi` runs next.
 *
 *   npm run openapi          (--write)  regenerate the documents, then the client types
 *   npm run openapi:check    (--check)  exit 1 if a committed document is stale
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { offlineOpenApiDocument } from '@rackeval/platform';
import { incompleteOperations } from './completeness';
import { DOCUMENTED_SERVICES } from './services';

const ROOT = join(__dirname, '../..');
export const OPENAPI_DIR = join(ROOT, 'libs/contracts/openapi');

async function render(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const service of DOCUMENTED_SERVICES) {
    const document = await offlineOpenApiDocument(service.title, service.module());
    const problems = incompleteOperations(document);
    if (problems.length) throw new Error(`${service.name}: operations without their answers:\n  ${problems.join('\n  ')}`);
    files.set(join(OPENAPI_DIR, `${service.name}.openapi.json`), `${JSON.stringify(document, null, 2)}\n`);
  }
  return files;
}

async function main(mode: string | undefined): Promise<number> {
  const files = await render();
  if (mode === '--write') {
    mkdirSync(OPENAPI_DIR, { recursive: true });
    for (const [file, text] of files) writeFileSync(file, text);
    process.stdout.write(`wrote ${[...files.keys()].map((file) => relative(ROOT, file)).join(', ')}\n`);
    return 0;
  }
  const stale = [...files]
    .filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text)
    .map(([file]) => relative(ROOT, file));
  if (stale.length) {
    process.stderr.write(`stale OpenAPI document(s): ${stale.join(', ')}; run \`npm run openapi\` and commit the result\n`);
    return 1;
  }
  process.stdout.write(`OpenAPI documents up to date (${files.size} files)\n`);
  return 0;
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
