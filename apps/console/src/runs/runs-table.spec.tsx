import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import type { Run } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { runFixture, secondIncarnationRunFixture } from '../test-support/run-fixture';
import { RunsTable } from './runs-table';

const RUN_ID = '0d9b1e8e-6a53-4b8e-9f0e-2f1c5a7d9e01';
const run = {
  id: RUN_ID,
  suite: 'burn-in',
  suiteName: 'Burn-in',
  attempt: 1,
  maxAttempts: 2,
  required: true,
  bay: 'BAY-01',
  state: 'RUNNING',
  scheduledAt: '2026-11-20T10:00:00Z',
  abortReason: null,
} as Run;

function renderTable(canOperate = true) {
  const onChanged = jest.fn();
  render(
    <MemoryRouter>
      <RunsTable runs={[run]} canOperate={canOperate} onChanged={onChanged} />
    </MemoryRouter>,
  );
  return onChanged;
}

describe('runs table', () => {
  it('offers complete and abort for a running run', () => {
    renderTable();
    expect(screen.getByRole('button', { name: 'complete burn-in attempt 1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'abort burn-in attempt 1' })).toBeTruthy();
  });

  it('aborts only with a cause and a written reason', async () => {
    const calls = stubFetch({ [`POST /api/test-run/v1/runs/${RUN_ID}/abort`]: { body: { ...run, state: 'ABORTED' } } });
    const onChanged = renderTable();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'abort burn-in attempt 1' }));
    expect(screen.getByRole('button', { name: 'Abort run' })).toHaveProperty('disabled', true);
    await user.keyboard('coolant loop pressure alarm');
    expect(screen.getByRole('button', { name: 'Abort run' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('radio', { name: /^Facility/ }));
    await user.click(screen.getByRole('button', { name: 'Abort run' }));

    expect(calls[0].body).toEqual({ reason: 'coolant loop pressure alarm', cause: 'FACILITY' });
    expect(onChanged).toHaveBeenCalled();
  });

  it('shows no lifecycle buttons to someone who may not operate runs', () => {
    renderTable(false);
    expect(screen.queryByRole('button')).toBeNull();
  });

  describe("a serial's runs over its RMAs", () => {
    function renderRuns(runs: Run[]) {
      render(
        <MemoryRouter>
          <RunsTable runs={runs} canOperate={false} onChanged={jest.fn()} />
        </MemoryRouter>,
      );
      return screen.getAllByRole('row').slice(1);
    }

    it('says which incarnation each run tested once the rack came back from an RMA, the current incarnation first', () => {
      const returned = secondIncarnationRunFixture();
      const [first, second] = renderRuns([runFixture(), returned]);

      const headings = screen.getAllByRole('columnheader').map((heading) => heading.textContent);
      expect(headings.slice(0, 3)).toEqual(['Suite', 'Incarnation', 'Attempt']);
      const cells = (row: HTMLElement) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent);
      // Both are attempt 1 of 1: the incarnation tells the returned unit's run from the first unit's.
      expect(cells(first).slice(1, 3)).toEqual(['2', '1 of 1']);
      expect(within(first).getByRole('link', { name: 'Burn-in' }).getAttribute('href')).toBe(`/runs/${returned.id}`);
      expect(cells(second).slice(1, 3)).toEqual(['1', '1 of 1']);
      expect(within(second).getByText('completed')).toBeTruthy();
    });

    it('shows no incarnation column while every run is of the rack as first delivered', () => {
      const rows = renderRuns([
        runFixture(),
        runFixture({ id: '7e2a9c44-1d3b-4f5e-8a60-3b9d2c7e1f05', suite: 'thermal-soak', suiteName: 'Thermal soak' }),
      ]);

      expect(screen.queryByRole('columnheader', { name: 'Incarnation' })).toBeNull();
      expect(rows.map((row) => within(row).getByRole('link').textContent)).toEqual(['Burn-in', 'Thermal soak']);
    });
  });
});
