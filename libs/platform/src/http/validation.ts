import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@rackeval/contracts';
import { findNulCharacters } from '../validation/text';
import { RequestValidationError } from './domain-error';

const SCANNED = new Set<ArgumentMetadata['type']>(['body', 'query', 'param']);

/**
 * Whitelisted, strict, transforming validation; every bad field is named in one 400. Before any
 * DTO is looked at, every string of the body, query and path is checked for U+0000, which
 * PostgreSQL's text and jsonb refuse: it holds for bodies no DTO describes (`@Body() body: unknown`)
 * and for every path parameter, whether or not a param class describes it.
 */
class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (SCANNED.has(metadata.type)) refuseNulCharacters(value, metadata.type === 'body' || !metadata.data ? '' : metadata.data);
    return super.transform(value, metadata);
  }
}

/** The 400 naming every string (or key) of `value` that holds U+0000, as the validation pipe answers a body, query or params. */
export function refuseNulCharacters(value: unknown, root = ''): void {
  const found = findNulCharacters(value, root);
  if (found.length) throw new RequestValidationError(found.map(({ field, message }) => ({ field: bracketIndexes(field), message })));
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) =>
      new RequestValidationError(
        flattenValidationErrors(errors).flatMap(({ field, messages }) =>
          messages.map((message) => ({ field: bracketIndexes(field), message })),
        ),
      ),
  });
}

/** `racks.0.bom.2.unitCost` → `racks[0].bom[2].unitCost`, as a person reads it. */
export function bracketIndexes(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}
