import { ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors } from '@rackeval/contracts';
import { RequestValidationError } from './domain-error';

/** Whitelisted, strict, transforming validation; every bad field is named in one 400. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
