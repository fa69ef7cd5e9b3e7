import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Criterion } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { ResultEntryForm } from './result-entry-form';

const criteria: Criterion[] = [
  { metric: 'training.tokens_per_s', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
  { metric: 'rack.power', unit: 'kW', comparator: 'lte', max: 132, required: true, category: 'power' },
];
const RUN = '7b0c6a56-3c1e-4c89-9a53-0a4e8f1f7a11';

describe('result entry form', () => {
  it('shows pass or fail against the criterion as each value is typed', async () => {
    render(<ResultEntryForm runId={RUN} criteria={criteria} onRecorded={jest.fn()} />);
    const user = userEvent.setup();
    const throughput = screen.getByLabelText('training.tokens_per_s');
    const row = () => within(throughput.closest('tr')!);

    await user.type(throughput, '2950');
    expect(row().getByText('Fail')).toBeTruthy();
    expect(row().getByText(/below the minimum of 3000 tokens\/s/)).toBeTruthy();
    expect(throughput.getAttribute('aria-invalid')).toBe('true');

    await user.type(throughput, '0');
    expect(row().getByText('Pass')).toBeTruthy();
    expect(throughput.getAttribute('aria-invalid')).toBe('false');
  });

  it('will not send a value that is not a number', async () => {
    render(<ResultEntryForm runId={RUN} criteria={criteria} onRecorded={jest.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('rack.power'), '12kW');
    expect(screen.getByText('Not a number')).toBeTruthy();
    expect(screen.getByRole('button', { name: /Record/ })).toHaveProperty('disabled', true);
  });

  it('posts the typed values in their criteria units with an idempotency key', async () => {
    const calls = stubFetch({
      [`POST /api/results/v1/runs/${RUN}/measurements`]: { status: 201, body: { runId: RUN, accepted: 2, byMetric: {}, rejudged: false } },
    });
    const onRecorded = jest.fn();
    render(<ResultEntryForm runId={RUN} criteria={criteria} onRecorded={onRecorded} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('training.tokens_per_s'), '3100');
    await user.type(screen.getByLabelText('rack.power'), '120,5');
    await user.click(screen.getByRole('button', { name: 'Record 2 values' }));

    expect(await screen.findByText('2 measurements recorded.')).toBeTruthy();
    const body = calls[0].body as { measurements: Array<{ metric: string; value: number; unit: string }> };
    expect(body.measurements.map(({ metric, value, unit }) => ({ metric, value, unit }))).toEqual([
      { metric: 'training.tokens_per_s', value: 3100, unit: 'tokens/s' },
      { metric: 'rack.power', value: 120.5, unit: 'kW' },
    ]);
    expect(calls[0].headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(onRecorded).toHaveBeenCalled();
  });

  it('names the refused measurement in words', async () => {
    stubFetch({
      [`POST /api/results/v1/runs/${RUN}/measurements`]: {
        status: 422,
        body: {
          statusCode: 422,
          error: 'Unprocessable Entity',
          code: 'UNIT_MISMATCH',
          message: 'rack.power is measured in kW, not W',
          details: [{ field: 'measurements[0].unit', message: 'expected kW' }],
        },
      },
    });
    render(<ResultEntryForm runId={RUN} criteria={criteria} onRecorded={jest.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('rack.power'), '120');
    await user.click(screen.getByRole('button', { name: 'Record 1 value' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('A measurement is in the wrong unit.');
    expect(alert.textContent).toContain('measurement 1, unit: expected kW');
  });
});
