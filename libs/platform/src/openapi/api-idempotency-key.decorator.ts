import { ApiHeader } from '@nestjs/swagger';

/**
 * The optional `Idempotency-Key` header of a POST a harness may retry. Named in lower case as the
 * handler's `@Headers('idempotency-key')` reads it, so the document holds one optional parameter.
 */
export const ApiIdempotencyKey = (): MethodDecorator & ClassDecorator =>
  ApiHeader({ name: 'idempotency-key', required: false, description: 'A retry with the same key and body gets the first answer, applied once' });
