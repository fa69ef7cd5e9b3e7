import type { ErrorBody } from '@rackeval/api-client';
import { PollOptions, waitFor } from './wait-for';

/** One HTTP answer as a test or script sees it: status, the success body, and on refusal the one error shape. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  error?: ErrorBody;
}

const shown = (answer: ApiAnswer | undefined) => JSON.stringify(answer?.error ?? answer?.body)?.slice(0, 500);

/** The body when the status is the expected one; otherwise an error naming the step and the answer. */
export function expectStatus<T>(answer: ApiAnswer<T>, status: number, step: string): T {
  if (answer.status !== status) throw new Error(`${step}: expected ${status}, got ${answer.status} ${shown(answer)}`);
  return answer.body;
}

/** The error body when the call was refused with `status` and an error code matching `code`; otherwise an error naming the step. */
export function expectError(answer: ApiAnswer, status: number, code: string | RegExp, step: string): ErrorBody {
  const actual = answer.error?.code ?? '';
  const matches = typeof code === 'string' ? actual === code : code.test(actual);
  if (answer.status !== status || !matches) throw new Error(`${step}: expected ${status} ${code}, got ${answer.status} ${shown(answer)}`);
  return answer.error!;
}

/** Retries a call while another service has not yet learnt, from events, what the call needs. */
export async function eventually<T>(
  step: string,
  attempt: () => Promise<ApiAnswer<T>>,
  status: number,
  { timeoutMs = 30_000, intervalMs = 150, ...pace }: PollOptions = {},
): Promise<T> {
  let last: ApiAnswer<T> | undefined;
  await waitFor(
    step,
    async () => {
      last = await attempt();
      return last.status === status;
    },
    { timeoutMs, intervalMs, ...pace },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last answer ${last?.status} ${shown(last)}`);
  });
  return last!.body;
}
