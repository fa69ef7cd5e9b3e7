import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { ManifestPage } from './manifest-page';

describe('manifest upload', () => {
  beforeEach(() => sessionStorage.clear());

  it('lists the refused lines by number, in words', async () => {
    const calls = stubFetch({
      'POST /api/intake/v1/deliveries/import': {
        status: 400,
        body: {
          statusCode: 400,
          error: 'Bad Request',
          code: 'INVALID_MANIFEST',
          message: 'the manifest has 2 errors',
          details: [
            { field: 'line 3, column countryOfOrigin', message: 'countryOfOrigin must be an ISO 3166-1 alpha-2 code' },
            { field: 'line 5, column quantity', message: 'quantity must be a positive integer' },
          ],
          correlationId: 'corr-9',
        },
      },
    });
    renderSignedIn(<ManifestPage />, { session: sessionOf('ines', ['intake']) });
    const user = userEvent.setup();
    const csv = new File(['deliveryReference,site\n'], 'manifest.csv', { type: 'text/csv' });
    await user.upload(screen.getByLabelText('Manifest file (.csv)'), csv);
    await user.click(screen.getByRole('button', { name: 'Import manifest' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('nothing was imported');
    const items = Array.from(alert.querySelectorAll('li')).map((li) => li.textContent);
    expect(items).toEqual([
      'line 3, column countryOfOrigin: countryOfOrigin must be an ISO 3166-1 alpha-2 code',
      'line 5, column quantity: quantity must be a positive integer',
    ]);
    expect(alert.textContent).toContain('corr-9');
    expect(calls[0].headers['content-type']).toBe('text/csv');
  });
});
