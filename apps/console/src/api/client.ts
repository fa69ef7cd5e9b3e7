import { createApiClients, viaGateway, type Middleware } from '@rackeval/api-client';
import { ApiError, errorBodyOf, NetworkError } from './api-error';
import { authHeader, reportUnauthorised } from './credentials';

/** Adds the signed-in user's bearer token to every request, read when the request is made. */
const bearer: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeader())) request.headers.set(name, value);
    request.headers.set('accept', 'application/json');
    return request;
  },
};

/**
 * The generated client of the four services, through the gateway (`/api/<service>/v1/…`).
 * Absolute URLs on the page's origin; `fetch` is looked up per request, so tests can replace it.
 */
export const services = createApiClients(viaGateway(globalThis.location?.origin ?? ''), {
  fetch: (request: Request) => globalThis.fetch(request),
});
for (const client of Object.values(services)) client.use(bearer);

/** What every generated call answers: the data, or the error body with the response. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The call's data; a non-2xx answer as ApiError (401 signs the user out), no answer as NetworkError. */
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!answer.response.ok) {
    if (answer.response.status === 401) reportUnauthorised();
    throw new ApiError(answer.response.status, errorBodyOf(answer.error));
  }
  return answer.data as T;
}

/** Filters as query parameters: empty choices (`''`, null) are left out, as if not given. */
export function filters<Q extends object>(query: Q): Q {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== '')) as Q;
}
