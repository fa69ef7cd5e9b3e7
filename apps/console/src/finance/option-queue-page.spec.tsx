import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubFetch } from '../test-support/fetch-stub';
import { optionFixture, shippedRmaFixture } from '../test-support/option-fixture';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { OptionQueuePage } from './option-queue-page';

const RMA_ID = shippedRmaFixture.rmaId;
const away = optionFixture({ rackSerial: 'RK-G2-0009', state: 'DECLINED', daysLeft: null, rma: shippedRmaFixture });
const backAgain = optionFixture({ rackSerial: 'RK-G2-0003', incarnation: 2 });

describe('option queue page', () => {
  beforeEach(() => sessionStorage.clear());

  it("lists the options whose rack is at the manufacturer in their own tab, each with its RMA, and marks a unit's later incarnation", async () => {
    const calls = stubFetch({
      'GET /api/purchase-option/v1/options': (call) => ({
        body: { items: call.url.includes('withRma=open') ? [away] : [backAgain], nextCursor: null },
      }),
      'GET /api/purchase-option/v1/reminders': { body: { expiring: [], awaitingYourApproval: [] } },
    });
    renderSignedIn(<OptionQueuePage />, { session: sessionOf('fiona', ['finance']) });

    const exercisable = await screen.findByRole('row', { name: /RK-G2-0003/ });
    expect(within(exercisable).getByText('incarnation 2')).toBeTruthy();
    expect(exercisable.textContent).not.toContain('At the manufacturer');

    await userEvent.click(screen.getByRole('tab', { name: 'At the manufacturer' }));

    const row = await screen.findByRole('row', { name: /RK-G2-0009/ });
    expect(row.textContent).toMatch(/At the manufacturer under RMA RMA-2026-0042 since/);
    expect(within(row).getByRole('link', { name: 'RMA-2026-0042' }).getAttribute('href')).toBe(`/rmas/${RMA_ID}`);
    expect(within(row).queryByText(/incarnation/)).toBeNull();
    expect(calls.some((c) => /withRma=open/.test(c.url))).toBe(true);
  });
});
