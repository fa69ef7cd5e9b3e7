import { PollOptions, waitFor } from './wait-for';

/** One HTTP answer as a test or script sees it: status and parsed JSON body. */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
}

const shown = (body: unknown) => JSON.stringify(body)?.slice(0, 500);

/** The body when the status is the expected one; otherwise an error naming the step and the answer. */
export function expectStatus<T>(answer: ApiAnswer<T>, status: number, step: string): T {
  if (answer.status !== status) throw new Error(`${step}: expected ${status}, got ${answer.status} ${shown(answer.body)}`);
  return answer.body;
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
    throw new Error(`${error.message}; last answer ${last?.status} ${shown(last?.body)}`);
  });
  return last!.body;
}
