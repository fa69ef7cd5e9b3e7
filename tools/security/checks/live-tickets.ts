/**
 * The live stream through the gateway: a ticket bought with a role's token opens it once; the same
 * ticket again, a made-up one, or a token in the URL do not.
 */
import { send } from '../support/http';
import { CheckOutcome, curl, Violation } from '../support/outcome';
import { Caller } from './callers';

/** Status of opening the stream; the connection is dropped as soon as the headers arrive. */
async function openStream(url: string): Promise<number> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 10_000);
  try {
    const response = await fetch(url, { signal: abort.signal, headers: { accept: 'text/event-stream' } });
    return response.status;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** Tickets bought go into `secrets`, which the log check then looks for. */
export async function checkLiveTickets(gatewayUrl: string, callers: Caller[], secrets: string[]): Promise<CheckOutcome> {
  const violations: Violation[] = [];
  let tried = 0;
  const expect = (what: string, got: number, wanted: number, reproduce: string) => {
    tried++;
    if (got !== wanted) violations.push({ what: `${what}: ${got}, expected ${wanted}`, reproduce });
  };
  for (const caller of callers.filter((candidate) => candidate.role)) {
    const bought = await send('POST', `${gatewayUrl}/api/events/ticket`, { token: caller.token });
    expect(`${caller.name} buys a ticket`, bought.status, 201, curl('POST', `${gatewayUrl}/api/events/ticket`, caller.name));
    if (bought.status !== 201) continue;
    const ticket = bought.json<{ ticket: string }>().ticket;
    secrets.push(ticket);
    const url = `${gatewayUrl}/api/events?ticket=${encodeURIComponent(ticket)}`;
    expect(`${caller.name} opens the stream with it`, await openStream(url), 200, `curl -N '${url}'`);
    expect(`${caller.name} replays the used ticket`, await openStream(url), 401, `curl -N '${url}'`);
  }
  const viewer = callers.find((caller) => caller.role === 'viewer')!;
  expect(
    'a made-up ticket',
    await openStream(`${gatewayUrl}/api/events?ticket=AAAAAAAAAAAAAAAAAAAAAA`),
    401,
    `curl -N '${gatewayUrl}/api/events?ticket=AAAAAAAAAAAAAAAAAAAAAA'`,
  );
  // The old console sent the token in the URL; it must open nothing (and, see the log check, leave no trace).
  expect(
    'a token in the URL',
    await openStream(`${gatewayUrl}/api/events?access_token=${viewer.token}`),
    401,
    `curl -N '${gatewayUrl}/api/events?access_token=$TOKEN_VIEWER'`,
  );
  return { check: 'live-event tickets', target: 'gateway', tried, violations };
}
