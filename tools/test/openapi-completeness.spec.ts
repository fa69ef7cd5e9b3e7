// The check behind `npm run openapi:check`: an operation without its answers fails the export.
import type { OpenAPIObject } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { incompleteOperations } from '../openapi/completeness';

const ERROR = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } } };
const BODY = { content: { 'application/json': { schema: { $ref: '#/components/schemas/RackDetailView' } } } };
const documentWith = (responses: Record<string, unknown>): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/v1/racks/{serial}': { get: { responses } } },
  }) as unknown as OpenAPIObject;

describe('OpenAPI completeness', () => {
  it('accepts an operation with its success body and its 4xx in the one error shape', () => {
    expect(incompleteOperations(documentWith({ 200: BODY, 404: ERROR }))).toEqual([]);
  });

  it('names an operation without a success body, without a 4xx, or with another error shape', () => {
    expect(incompleteOperations(documentWith({ 200: { description: 'ok' }, 404: ERROR }))).toEqual([
      'GET /v1/racks/{serial}: no success body',
    ]);
    expect(incompleteOperations(documentWith({ 200: BODY }))).toEqual(['GET /v1/racks/{serial}: no 4xx answer']);
    expect(incompleteOperations(documentWith({ 200: BODY, 404: BODY }))).toEqual([
      'GET /v1/racks/{serial}: 404 is not the ErrorResponse shape',
    ]);
  });

  it('holds for every committed document', () => {
    for (const service of ['intake', 'test-run', 'results', 'purchase-option']) {
      const document = JSON.parse(
        readFileSync(join(__dirname, `../../libs/contracts/openapi/${service}.openapi.json`), 'utf8'),
      ) as OpenAPIObject;
      expect({ service, problems: incompleteOperations(document) }).toEqual({ service, problems: [] });
    }
  });
});
