import { ApiHeader } from '@nestjs/swagger';

/**
 * The optional `Idempotency-Key` header of a POST a harness may retry. Named in lower case as the
 * handler's `@Headers('idempotency-key')` reads it, so the document holds one optional parameter.
 */
export const ApiIdempotencyKey = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'A retry with the same key and body is applied once and gets the first answer (status, headers, body) with `Idempotent-Replayed: true`; the same key with another body is refused (422 IDEMPOTENCY_KEY_REUSED)',
  });
