/**
 * What the lint cannot say: every operation (probes and metrics aside) declares its success body
 * and its 4xx answers, each 4xx in the one error shape (ErrorResponse).
 */
import type { OpenAPIObject } from '@nestjs/swagger';

const OPERATIONS_WITHOUT_ERRORS = /^\/(health(\/ready|\/live)?|metrics)$/;
const ERROR_SHAPE = '#/components/schemas/ErrorResponse';

interface Answer {
  content?: Record<string, { schema?: { $ref?: string } }>;
}

export function incompleteOperations(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, { responses?: Record<string, Answer> }>)) {
      const responses = Object.entries(operation.responses ?? {});
      const where = `${method.toUpperCase()} ${path}`;
      if (!responses.some(([status, answer]) => status.startsWith('2') && answer.content)) problems.push(`${where}: no success body`);
      if (OPERATIONS_WITHOUT_ERRORS.test(path)) continue;
      const errors = responses.filter(([status]) => status.startsWith('4'));
      if (!errors.length) problems.push(`${where}: no 4xx answer`);
      for (const [status, answer] of errors) {
        const schemas = Object.values(answer.content ?? {}).map((media) => media.schema?.$ref);
        if (!schemas.length || schemas.some((ref) => ref !== ERROR_SHAPE))
          problems.push(`${where}: ${status} is not the ErrorResponse shape`);
      }
    }
  }
  return problems;
}
