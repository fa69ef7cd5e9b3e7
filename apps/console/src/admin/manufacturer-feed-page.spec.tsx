import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FeedDelivery } from '../api';
import { navigationFor } from '../auth/roles';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { lastAnswer, ManufacturerFeedPage } from './manufacturer-feed-page';

const LOG = '/api/results/v1/manufacturer-feed/deliveries';
const FINDING = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const attempt = (n: number, change: Partial<FeedDelivery['attemptLog'][number]>): FeedDelivery['attemptLog'][number] => ({
  attempt: n,
  attemptedAt: `2026-11-30T10:0${n}:00.000Z`,
  instance: 'results-1',
  url: 'https://manufacturer.example/hooks/rackeval',
  statusCode: 503,
  error: null,
  durationMs: 120,
  outcome: 'RETRY',
  ...change,
});
const delivery = (id: string, change: Partial<FeedDelivery>): FeedDelivery => ({
  id,
  eventId: `5c1d2e3f-4a5b-4c6d-8e7f-${id.padStart(12, '0')}`,
  type: 'finding.reported',
  findingId: FINDING,
  rackSerial: 'RK-G1-0007',
  occurredAt: '2026-11-30T10:00:00.000Z',
  state: 'DELIVERED',
  attempts: 1,
  nextAttemptAt: null,
  createdAt: '2026-11-30T10:00:00.000Z',
  deliveredAt: '2026-11-30T10:00:01.000Z',
  attemptLog: [attempt(1, { statusCode: 202, outcome: 'DELIVERED' })],
  ...change,
});
const gaveUp = delivery('12', {
  type: 'finding.fix-rejected',
  state: 'GAVE_UP',
  attempts: 2,
  deliveredAt: null,
  attemptLog: [attempt(1, {}), attempt(2, { statusCode: null, error: 'connect ECONNREFUSED', outcome: 'GAVE_UP' })],
});
const pending = delivery('11', {
  type: 'finding.verified',
  state: 'PENDING',
  attempts: 1,
  deliveredAt: null,
  nextAttemptAt: '2026-11-30T10:05:00.000Z',
  attemptLog: [attempt(1, {})],
});
const delivered = delivery('10', {});

const renderAs = (roles: Parameters<typeof sessionOf>[1], path = '/admin/manufacturer-feed') =>
  renderSignedIn(<ManufacturerFeedPage />, { session: sessionOf('ada', roles), path, pattern: '/admin/manufacturer-feed' });
const rowOf = (text: RegExp) => within(screen.getByRole('table', { name: 'Deliveries' })).getByRole('row', { name: text });

describe('manufacturer feed delivery log', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists deliveries with their finding, type, state, attempts, last answer and next attempt', async () => {
    stubFetch({ [`GET ${LOG}`]: { body: { items: [gaveUp, pending, delivered], nextCursor: null } } });
    renderAs(['admin']);

    const failed = await screen.findByRole('row', { name: /Fix rejected/ });
    expect(
      within(failed)
        .getByRole('link', { name: FINDING.slice(0, 8) })
        .getAttribute('href'),
    ).toBe(`/findings/${FINDING}`);
    expect(within(failed).getByText('Gave up')).toBeTruthy();
    expect(failed.textContent).toContain('connect ECONNREFUSED');
    expect(within(failed).getByRole('button', { name: 'Send again' })).toBeTruthy();
    const waiting = rowOf(/Verified/);
    expect(waiting.textContent).toContain('HTTP 503');
    expect(within(waiting).queryByRole('button', { name: 'Send again' })).toBeNull();
    expect(within(rowOf(/Reported/)).queryByRole('button', { name: 'Send again' })).toBeNull();
    expect(rowOf(/Reported/).textContent).toContain('HTTP 202');
  });

  it('filters by state and pages on with the cursor', async () => {
    const calls = stubFetch({
      [`GET ${LOG}`]: (call) =>
        call.url.includes('cursor=c1')
          ? { body: { items: [delivery('3', { state: 'GAVE_UP', type: 'finding.wont-fix' })], nextCursor: null } }
          : { body: { items: [gaveUp], nextCursor: 'c1' } },
    });
    renderAs(['admin']);
    await screen.findByRole('row', { name: /Fix rejected/ });

    await userEvent.selectOptions(screen.getByLabelText('State'), 'GAVE_UP');
    await waitFor(() => expect(calls.at(-1)!.url).toBe(`${LOG}?state=GAVE_UP&limit=50`));
    await userEvent.click(await screen.findByRole('button', { name: 'Show more' }));

    expect(await screen.findByRole('row', { name: /Won't fix/ })).toBeTruthy();
    expect(calls.at(-1)!.url).toBe(`${LOG}?state=GAVE_UP&limit=50&cursor=c1`);
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
    expect(within(screen.getByRole('table', { name: 'Deliveries' })).getAllByRole('row')).toHaveLength(3);
  });

  it('sends a delivery that gave up again, and shows it pending', async () => {
    const calls = stubFetch({
      [`GET ${LOG}`]: { body: { items: [gaveUp], nextCursor: null } },
      [`POST ${LOG}/12/retry`]: { body: { ...gaveUp, state: 'PENDING', nextAttemptAt: '2026-11-30T11:00:00.000Z' } },
    });
    renderAs(['admin']);

    await userEvent.click(await screen.findByRole('button', { name: 'Send again' }));

    expect(await within(rowOf(/Fix rejected/)).findByText('Pending')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send again' })).toBeNull();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url)).toEqual([`${LOG}/12/retry`]);
  });

  it('shows why a delivery was not sent again', async () => {
    stubFetch({
      [`GET ${LOG}`]: { body: { items: [gaveUp], nextCursor: null } },
      [`POST ${LOG}/12/retry`]: {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'ILLEGAL_TRANSITION',
          message: 'delivery 12 is PENDING; only GAVE_UP is sent again',
          details: [],
        },
      },
    });
    renderAs(['admin']);
    await userEvent.click(await screen.findByRole('button', { name: 'Send again' }));
    expect((await screen.findByRole('alert')).textContent).toContain('only GAVE_UP is sent again');
  });

  it('is for admins only: no navigation entry and no request for anyone else', () => {
    const calls = stubFetch({});
    expect(navigationFor(sessionOf('ada', ['admin'])).map((item) => item.to)).toContain('/admin/manufacturer-feed');
    for (const role of ['intake', 'test-engineer', 'finance', 'viewer'] as const)
      expect(navigationFor(sessionOf('u', [role])).map((item) => item.to)).not.toContain('/admin/manufacturer-feed');
    renderAs(['finance']);
    expect(screen.getByText("Only admins see the manufacturer feed's delivery log.")).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('words the last answer: a status, an error, or none yet', () => {
    expect([lastAnswer(gaveUp), lastAnswer(delivered), lastAnswer({ ...pending, attemptLog: [] })]).toEqual([
      'connect ECONNREFUSED',
      'HTTP 202',
      '—',
    ]);
  });
});
