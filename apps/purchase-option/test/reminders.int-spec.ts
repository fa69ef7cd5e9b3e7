import { TestTokens } from '@rackeval/auth/testing';
import { deleteTestTopics, RunningService, waitFor } from '@rackeval/testing';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { PurchaseOptionConfig } from '../src/config';
import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service';
import { Api, evaluated, received, sendEvaluation, sendReceived } from './fixtures';
import { twoInstances } from './support/two-instances';

const SECRET = 'whsec-test-0123456789';

interface Hit {
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** A webhook receiver on loopback: answers 500 to the first attempt of every reminder, 200 afterwards. */
function receiver(): Promise<{ server: Server; url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const delivery = String(req.headers['x-rackeval-delivery']);
      const answered = seen.has(delivery) ? 200 : 500;
      seen.add(delivery);
      hits.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.statusCode = answered;
      res.end(answered === 200 ? 'ok' : 'try later');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/rackeval`, hits }),
    ),
  );
}

function verifies(hit: Hit): boolean {
  const timestamp = String(hit.headers['x-rackeval-timestamp']);
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${hit.body}`).digest('hex')}`);
  const given = Buffer.from(String(hit.headers['x-rackeval-signature']));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

describe('reminders with two instances of the service against one webhook receiver', () => {
  let tokens: TestTokens;
  let first: RunningService<PurchaseOptionConfig>;
  let second: RunningService<PurchaseOptionConfig>;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let api: Api;

  beforeAll(async () => {
    tokens = await TestTokens.create();
    hook = await receiver();
    const env = {
      REMINDER_WEBHOOK_URL: hook.url,
      REMINDER_WEBHOOK_SECRET: SECRET,
      REMINDER_EXPIRY_DAYS: '7,1',
      REMINDER_INTERVAL_SECONDS: '1',
      REMINDER_RETRY_BASE_MS: '200',
    };
    [first, second] = await twoInstances(tokens, env);
    api = new Api(first.url, tokens);
  });

  afterAll(async () => {
    await second?.stop();
    await first?.close();
    hook?.server.close();
    await deleteTestTopics();
    await tokens?.dispose();
  });

  it('sends each reminder once, signed, retrying a 500 with backoff, logs every attempt, and lists them for finance', async () => {
    // GW's window of 5 days is inside the 7-day threshold, outside the 1-day one; GV's 30 days is outside both.
    // Exercising above 500 000 needs approval.
    await api.activeTerms('GW', { unitPrice: '900000.00', currency: 'USD', windowDays: 5, approvalThreshold: '500000.00' });
    await api.activeTerms('GV', { unitPrice: '900000.00', currency: 'USD', windowDays: 30, approvalThreshold: '500000.00' });
    await sendReceived(received('RK-W1', 'GW'), received('RK-W2', 'GV'));
    await sendEvaluation(evaluated('RK-W1', 'GW'), evaluated('RK-W2', 'GV'));
    await api.waitForOption('RK-W1', 'EXERCISABLE');
    await api.waitForOption('RK-W2', 'EXERCISABLE');
    const fiona = await api.as('fiona');
    await fiona.post('/v1/options/RK-W2/decision', { decision: 'EXERCISE', rationale: 'best perf per dollar' }).expect(200);

    // Both instances' timers run, and both instances also pass concurrently, again and again.
    const passes = [first, second].map((instance) => instance.app.get(ReminderDeliveryService));
    let done = false;
    const hammer = (async () => {
      while (!done) await Promise.all(passes.flatMap((sut) => [sut.pass(), sut.pass()]));
    })();
    try {
      await waitFor('both reminders delivered', () => hook.hits.filter((hit) => hit.answered === 200).length >= 2, { timeoutMs: 30_000 });
    } finally {
      done = true;
      await hammer;
    }
    // More passes on both instances send nothing more.
    for (let i = 0; i < 3; i++) await Promise.all(passes.map((sut) => sut.pass()));

    const bodies = hook.hits.map((hit) => JSON.parse(hit.body));
    const byKind = (kind: string) => hook.hits.filter((_, index) => bodies[index].kind === kind);
    const expiring = byKind('OPTION_EXPIRING');
    const approval = byKind('APPROVAL_WAITING');
    expect(expiring.map((hit) => hit.answered)).toEqual([500, 200]);
    expect(approval.map((hit) => hit.answered)).toEqual([500, 200]);
    expect(JSON.parse(expiring[1].body)).toMatchObject({
      kind: 'OPTION_EXPIRING',
      rackSerial: 'RK-W1',
      generation: 'GW',
      thresholdDays: 7,
      unitPrice: '900000.00',
      currency: 'USD',
    });
    expect(JSON.parse(approval[1].body)).toMatchObject({
      kind: 'APPROVAL_WAITING',
      rackSerial: 'RK-W2',
      requestedBy: 'fiona',
      state: 'PENDING_APPROVAL',
    });
    for (const hit of hook.hits) {
      expect(verifies(hit)).toBe(true);
      expect(Math.abs(Date.now() / 1000 - Number(hit.headers['x-rackeval-timestamp']))).toBeLessThan(600);
    }
    expect(new Set(expiring.map((hit) => hit.headers['x-rackeval-delivery'])).size).toBe(1);
    // A forged body does not verify.
    expect(verifies({ ...expiring[1], body: expiring[1].body.replace('RK-W1', 'RK-W9') })).toBe(false);

    const log = await (await api.as('farid')).get('/v1/reminders/deliveries').expect(200);
    const rack1 = log.body.items.filter((d: { rackSerial: string }) => d.rackSerial === 'RK-W1');
    expect(rack1).toMatchObject([
      {
        attempt: 2,
        statusCode: 200,
        outcome: 'DELIVERED',
        reminderState: 'DELIVERED',
        kind: 'OPTION_EXPIRING',
        thresholdDays: 7,
        url: hook.url,
      },
      { attempt: 1, statusCode: 500, outcome: 'RETRY', error: 'receiver answered 500' },
    ]);
    expect(Date.parse(rack1[0].attemptedAt) - Date.parse(rack1[1].attemptedAt)).toBeGreaterThanOrEqual(200);
    await (await api.as('vic')).get('/v1/reminders/deliveries').expect(403);

    // The console's list: farid is waiting on fiona's request; fiona is not reminded of her own.
    const forFarid = await (await api.as('farid')).get('/v1/reminders').expect(200);
    expect(forFarid.body).toMatchObject({ withinDays: 7, count: 2, webhookEnabled: true });
    expect(forFarid.body.expiring.map((o: { rackSerial: string }) => o.rackSerial)).toEqual(['RK-W1']);
    expect(forFarid.body.awaitingYourApproval.map((o: { rackSerial: string }) => o.rackSerial)).toEqual(['RK-W2']);
    const forFiona = await fiona.get('/v1/reminders?withinDays=3').expect(200);
    expect(forFiona.body).toMatchObject({ withinDays: 3, count: 0, expiring: [], awaitingYourApproval: [] });
    await fiona.get('/v1/reminders?withinDays=-1').expect(400);
  });
});
