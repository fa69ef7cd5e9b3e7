import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RackDetail } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { correctionOf, linesOf, RackCorrectionForm } from './rack-correction-form';

const rack = {
  serial: 'RK-1',
  generation: 'G1',
  lot: 'LOT-A',
  site: 'PDX-1',
  state: 'IN_EVALUATION',
  domesticContentPct: '50.00',
  bom: [
    {
      line: 1,
      partNumber: 'GPU-TRAY',
      category: 'compute',
      quantity: 2,
      unitCost: '100.00',
      currency: 'USD',
      supplier: 'Acme',
      countryOfOrigin: 'US',
    },
    {
      line: 2,
      partNumber: 'NIC',
      category: 'networking',
      quantity: 1,
      unitCost: '200.00',
      currency: 'USD',
      supplier: 'Acme',
      countryOfOrigin: 'TW',
    },
  ],
} as unknown as RackDetail;

describe('correcting a rack record', () => {
  it('sends only what changed, the BOM whole when a line changed', () => {
    expect(correctionOf(rack, { lot: 'LOT-A', site: 'PDX-1', bom: linesOf(rack) })).toEqual({});
    expect(correctionOf(rack, { lot: 'LOT-B ', site: 'PDX-1', bom: linesOf(rack) })).toEqual({ lot: 'LOT-B' });
    const bom = linesOf(rack).map((line, i) => (i === 1 ? { ...line, countryOfOrigin: 'US' } : line));
    expect(correctionOf(rack, { lot: 'LOT-A', site: 'PDX-1', bom })).toEqual({ bom });
  });

  it('corrects a line of the BOM with a reason', async () => {
    const calls = stubFetch({ 'POST /api/intake/v1/racks/RK-1/corrections': { status: 201, body: { id: 'c1', changed: ['bom'] } } });
    const onCorrected = jest.fn();
    render(<RackCorrectionForm rack={rack} onCorrected={onCorrected} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Nothing changed' })).toHaveProperty('disabled', true);
    await user.clear(screen.getByLabelText('line 2 Origin'));
    await user.type(screen.getByLabelText('line 2 Origin'), 'US');
    await user.type(screen.getByLabelText('Reason'), 'certificate of origin says US');
    await user.click(screen.getByRole('button', { name: 'Correct bom' }));
    expect(onCorrected).toHaveBeenCalled();
    const body = calls[0].body as { reason: string; bom: Array<{ countryOfOrigin: string }> };
    expect(body.reason).toBe('certificate of origin says US');
    expect(body.bom.map((line) => line.countryOfOrigin)).toEqual(['US', 'US']);
  });
});
