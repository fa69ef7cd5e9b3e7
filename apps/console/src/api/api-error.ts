import type { ErrorBody } from '@rackeval/api-client';

/** An answer other than 2xx, with the service's error body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
  ) {
    super(body?.message ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

/** A 404: what was asked for does not exist (yet), a normal state for a page, not an error to show. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.status === 404;

/** The request never got an answer (network down, gateway unreachable). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'NetworkError';
  }
}

/** Reads an error body if the answer carries one in the shared shape. */
export function parseErrorBody(text: string): ErrorBody | null {
  try {
    return errorBodyOf(JSON.parse(text));
  } catch {
    return null;
  }
}

/** The error body in the shared shape, from an already parsed answer (the generated client parses it). */
export function errorBodyOf(value: unknown): ErrorBody | null {
  if (typeof value !== 'object' || value === null) return null;
  const body = value as Partial<ErrorBody>;
  if (typeof body.statusCode !== 'number' || typeof body.message !== 'string') return null;
  return {
    statusCode: body.statusCode,
    error: body.error ?? '',
    code: body.code ?? '',
    message: body.message,
    details: Array.isArray(body.details) ? body.details : [],
    correlationId: body.correlationId,
  };
}
