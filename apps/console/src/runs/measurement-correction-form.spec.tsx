import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Criterion, Run } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { MeasurementCorrectionForm } from './measurement-correction-form';

const RUN_ID = '6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b';
const run = {
  id: RUN_ID,
  suite: 'burn-in',
  attempt: 1,
  maxAttempts: 2,
  state: 'COMPLETED',
  metrics: ['training_throughput', 'rack_power'],
} as Run;
const criteria = [
  { metric: 'training_throughput', unit: 'tokens/s', comparator: 'gte', min: 3000, required: true, category: 'performance' },
  { metric: 'rack_power', unit: 'kW', comparator: 'lte', max: 130, required: true, category: 'power' },
] as Criterion[];

describe('correcting a measurement', () => {
  it("sends the metric's corrected value in its criterion's unit with the reason, and says what was superseded", async () => {
    const receipt = { runId: RUN_ID, correctionId: 'c-1', metric: 'rack_power', reason: 'PDU 2 read 3 % high', superseded: 4, added: 1 };
    const calls = stubFetch({ [`POST /api/results/v1/runs/${RUN_ID}/measurements/corrections`]: { status: 201, body: receipt } });
    const onCorrected = jest.fn();
    render(<MeasurementCorrectionForm run={run} criteria={criteria} onCorrected={onCorrected} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Submit correction' })).toHaveProperty('disabled', true);
    await user.selectOptions(screen.getByLabelText('Metric'), 'rack_power');
    expect(screen.getByLabelText('Unit')).toHaveProperty('value', 'kW');
    await user.type(screen.getByLabelText('Corrected value'), '117.5');
    await user.type(screen.getByLabelText('Reason'), 'PDU 2 read 3 % high');
    await user.click(screen.getByRole('button', { name: 'Submit correction' }));
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      expect.stringContaining('Correction recorded: 4 value(s) of rack_power superseded by 1'),
    );
    expect(calls[0].body).toEqual({
      metric: 'rack_power',
      reason: 'PDU 2 read 3 % high',
      measurements: [{ metric: 'rack_power', value: 117.5, unit: 'kW' }],
    });
    expect(onCorrected).toHaveBeenCalled();
  });

  it('shows the refusal the service names', async () => {
    stubFetch({
      [`POST /api/results/v1/runs/${RUN_ID}/measurements/corrections`]: {
        status: 409,
        body: {
          statusCode: 409,
          error: 'Conflict',
          code: 'EVALUATION_CLOSED',
          message: "rack RK-1's evaluation is closed (its option has ended (EXERCISED))",
          details: [],
        },
      },
    });
    render(<MeasurementCorrectionForm run={run} criteria={criteria} onCorrected={jest.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Corrected value'), '3350');
    await user.type(screen.getByLabelText('Reason'), 'counter double-counted');
    await user.click(screen.getByRole('button', { name: 'Submit correction' }));
    expect(await screen.findByText(/The measurement was not corrected/)).toBeTruthy();
  });
});
