import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RackDetail } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { RackWaysOut } from './rack-ways-out';

const rack = (overrides: Partial<RackDetail>) =>
  ({ serial: 'RK-1', state: 'IN_EVALUATION', hold: null, withdrawnAt: null, ...overrides }) as RackDetail;

function renderWaysOut(detail: RackDetail) {
  const onChanged = jest.fn();
  render(<RackWaysOut rack={detail} onChanged={onChanged} />);
  return onChanged;
}

describe('rack ways out', () => {
  it('offers hold and withdraw for a rack in evaluation, and holds it only with a reason', async () => {
    const calls = stubFetch({ 'POST /api/intake/v1/racks/RK-1/hold': { body: rack({ state: 'ON_HOLD' }) } });
    const onChanged = renderWaysOut(rack({}));
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Release hold' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Put on hold' }));
    const submit = screen.getAllByRole('button', { name: 'Put on hold' }).at(-1)!;
    expect(submit).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Reason'), 'coolant manifold crack');
    await user.click(submit);
    expect(calls[0].body).toEqual({ reason: 'coolant manifold crack' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows the hold of a held rack and releases it without a reason', async () => {
    const calls = stubFetch({ 'POST /api/intake/v1/racks/RK-1/release-hold': { body: rack({}) } });
    renderWaysOut(
      rack({
        state: 'ON_HOLD',
        hold: { heldFrom: 'IN_EVALUATION', reason: 'manifold crack', heldBy: 'ines', heldAt: '2026-11-29T10:00:00Z' },
      }),
    );
    const user = userEvent.setup();
    expect(screen.getByText(/manifold crack/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Put on hold' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Release hold' }));
    await user.click(screen.getAllByRole('button', { name: 'Release hold' }).at(-1)!);
    expect(calls[0].body).toEqual({});
  });

  it('offers nothing for a rack already on its way back', () => {
    renderWaysOut(rack({ state: 'AWAITING_RETURN' }));
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText(/No way out applies/)).toBeTruthy();
  });
});
