import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubFetch } from '../test-support/fetch-stub';
import { optionFixture } from '../test-support/option-fixture';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { OptionMemoPage } from './option-memo-page';
import { RemindersPage } from './reminders-page';

const expiring = optionFixture({ rackSerial: 'RK-G2-0001', state: 'EXERCISABLE', daysLeft: 2, pendingRequest: null });
const waiting = optionFixture({
  rackSerial: 'RK-G2-0002',
  state: 'PENDING_APPROVAL',
  pendingRequest: { requestedBy: 'fiona', requestedAt: '2026-11-21T09:00:00Z', rationale: 'meets every target', waiver: null },
});

describe('reminders page', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('lists approvals waiting for the user and options expiring with no decision, and the webhook deliveries; the horizon is kept', async () => {
    const calls = stubFetch({
      'GET /api/purchase-option/v1/reminders': (call) => ({
        body: {
          withinDays: Number(new URL(call.url, 'http://x').searchParams.get('withinDays') ?? 7),
          count: 2,
          expiring: [expiring],
          awaitingYourApproval: [waiting],
          webhookEnabled: true,
        },
      }),
      'GET /api/purchase-option/v1/reminders/deliveries': {
        body: {
          items: [
            {
              id: '2',
              reminderId: '1',
              rackSerial: 'RK-G2-0001',
              kind: 'OPTION_EXPIRING',
              thresholdDays: 7,
              attempt: 2,
              attemptedAt: '2026-11-21T09:01:00Z',
              instance: 'a',
              url: 'https://hooks.example/r',
              statusCode: 200,
              error: null,
              durationMs: 12,
              outcome: 'DELIVERED',
              reminderState: 'DELIVERED',
            },
            {
              id: '1',
              reminderId: '1',
              rackSerial: 'RK-G2-0001',
              kind: 'OPTION_EXPIRING',
              thresholdDays: 7,
              attempt: 1,
              attemptedAt: '2026-11-21T09:00:00Z',
              instance: 'b',
              url: 'https://hooks.example/r',
              statusCode: 500,
              error: 'receiver answered 500',
              durationMs: 9,
              outcome: 'RETRY',
              reminderState: 'DELIVERED',
            },
          ],
          nextCursor: null,
        },
      },
    });
    renderSignedIn(<RemindersPage />, { session: sessionOf('farid', ['finance']), path: '/reminders', pattern: '/reminders' });
    expect(await screen.findByRole('link', { name: 'RK-G2-0002' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'RK-G2-0001' })).toBeTruthy();
    expect(screen.getByText('2 days left')).toBeTruthy();
    expect(await screen.findByText('receiver answered 500')).toBeTruthy();
    expect(screen.getAllByText('expiring within 7 days')).toHaveLength(2);

    const user = userEvent.setup();
    const days = screen.getByLabelText(/Expiring within/);
    await user.clear(days);
    await user.type(days, '3');
    expect(calls.some((c) => c.url.includes('withinDays=3'))).toBe(true);
    expect(localStorage.getItem('rackeval.reminderDays')).toBe('3');
  });
});

describe('decision memo page', () => {
  it('prints the verdicts, the price, the evidence, the decision and its history, and offers the PDF', async () => {
    const option = optionFixture({
      state: 'EXERCISED',
      outcome: { decidedBy: 'fiona', approvedBy: 'farid', rationale: 'board approved', endedAt: '2026-11-22T10:00:00Z' },
    });
    const calls = stubFetch({
      [`GET /api/purchase-option/v1/options/${option.rackSerial}`]: { body: option },
      [`GET /api/purchase-option/v1/options/${option.rackSerial}/memo.pdf`]: { body: '%PDF-1.3' },
    });
    URL.createObjectURL = jest.fn(() => 'blob:memo');
    URL.revokeObjectURL = jest.fn();
    renderSignedIn(<OptionMemoPage />, {
      session: sessionOf('vic', ['viewer']),
      path: `/options/${option.rackSerial}/memo`,
      pattern: '/options/:serial/memo',
    });
    expect(await screen.findByRole('heading', { name: `Decision memo: purchase option for rack ${option.rackSerial}` })).toBeTruthy();
    const verdicts = await screen.findByRole('region', { name: 'Verdicts' });
    expect(verdicts.textContent).toContain('Performance verdict');
    expect(verdicts.textContent).toContain(option.evidence.value.costVerdict ?? '');
    expect(screen.getByRole('region', { name: 'Price' }).textContent).toContain('1,250,000.00 USD');
    expect(screen.getByRole('region', { name: 'Decision and approvers' }).textContent).toContain('farid');
    expect(screen.getByRole('region', { name: 'Decision history' }).querySelectorAll('tbody tr')).toHaveLength(option.history.length);
    expect(screen.getByRole('button', { name: 'Print' })).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download PDF' }));
    expect(calls.some((c) => c.url.endsWith('/memo.pdf'))).toBe(true);
    expect(URL.createObjectURL).toHaveBeenCalled();
  });
});
