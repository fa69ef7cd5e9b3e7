// The browser-safe vocabularies of @rackeval/api-client against the server code they mirror. The lifecycle
// states are libs/contracts' own lists; the type-check holds every list against the OpenAPI enums.
import * as vocabulary from '@rackeval/api-client';
import { ROLES } from '@rackeval/auth';
import { COMPARATORS, OPTION_STATES, RACK_STATES, RMA_STATES, RUN_STATES } from '@rackeval/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BOM_CATEGORIES } from '../../apps/intake/src/deliveries/dto/delivery.dto';
import { CATEGORIES } from '../../apps/results/src/criteria/dto/criteria.dto';
import { TERMS_STATUSES } from '../../apps/purchase-option/src/terms/terms-status';

const root = join(__dirname, '../..');
const ERROR_SOURCES = [
  'libs/platform/src/http/error-response.filter.ts',
  'libs/platform/src/http/domain-error.ts',
  'libs/platform/src/pagination/cursor-page.ts',
  'libs/platform/src/idempotency/idempotency.ts',
  ...['intake/src/intake', 'test-run/src/test-run', 'results/src/results', 'purchase-option/src/purchase-option'].map(
    (name) => `apps/${name}.errors.ts`,
  ),
];

/** Codes the server can answer with: quoted SCREAMING_CASE strings in the error modules. */
function serverErrorCodes(): Set<string> {
  const codes = ERROR_SOURCES.flatMap((file) =>
    [...readFileSync(join(root, file), 'utf8').matchAll(/'([A-Z][A-Z_]{3,})'/g)].map((match) => match[1]),
  );
  return new Set(codes);
}

describe('api-client vocabularies', () => {
  it('serve the lifecycle states of libs/contracts themselves, not copies', () => {
    expect(vocabulary.RACK_STATES).toBe(RACK_STATES);
    expect(vocabulary.OPTION_STATES).toBe(OPTION_STATES);
    expect(vocabulary.RUN_STATES).toBe(RUN_STATES);
    expect(vocabulary.RMA_STATES).toBe(RMA_STATES);
  });

  it('name the same roles and categories as the services', () => {
    expect(vocabulary.ROLES).toBe(ROLES);
    expect([...vocabulary.COMPARATORS]).toEqual([...COMPARATORS]);
    expect([...vocabulary.BOM_CATEGORIES]).toEqual([...BOM_CATEGORIES]);
    expect([...vocabulary.CRITERION_CATEGORIES]).toEqual([...CATEGORIES]);
    expect([...vocabulary.TERMS_STATUSES]).toEqual([...TERMS_STATUSES]);
  });

  it('list every error code a service can answer with', () => {
    const known = new Set<string>(vocabulary.ERROR_CODES);
    const missing = [...serverErrorCodes()].filter((code) => !known.has(code) && !NOT_CODES.has(code));
    expect(missing).toEqual([]);
  });
});

/** Quoted capitals in those files that are not error codes. */
const NOT_CODES = new Set(['IDEMPOTENCY_CONFIG', 'IDEMPOTENCY_RETENTION_HOURS']);
