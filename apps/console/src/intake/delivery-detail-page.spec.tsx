import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeliveryDetail, IntakeAttachment, Role } from '../api';
import { intakeAttachmentFixture } from '../test-support/attachment-fixture';
import { stubFetch } from '../test-support/fetch-stub';
import { stubFileTransfers } from '../test-support/file-transfers';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { stubUploads } from '../test-support/xhr-stub';
import { DeliveryDetailPage } from './delivery-detail-page';

const REF = 'DLV 2026/11-07';
const waybill = intakeAttachmentFixture(`/v1/deliveries/${encodeURIComponent(REF)}`, {
  id: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d',
  owner: 'DELIVERY',
  ownerId: REF,
  filename: 'waybill.pdf',
  size: 1536,
  sha256: '34'.repeat(32),
  uploadedAt: '2026-11-20T14:10:00.000Z',
});
const delivery = (attachments: IntakeAttachment[]): DeliveryDetail => ({
  reference: REF,
  site: 'PHX-1',
  receivedAt: '2026-11-20T13:00:00.000Z',
  registeredBy: 'ines',
  registeredAt: '2026-11-20T14:05:00.000Z',
  racks: [
    {
      serial: 'RK-G1-0007',
      generation: 'G1',
      lot: 'B',
      bomLines: 12,
      bomCost: '1250000.00',
      bomCurrency: 'USD',
      domesticContentPct: '62.50',
      domesticContentTargetPct: '60.00',
      meetsDomesticContentTarget: true,
    },
  ],
  attachments,
});
const path = `/api/intake/v1/deliveries/${encodeURIComponent(REF)}`;
const renderAs = (roles: Role[]) =>
  renderSignedIn(<DeliveryDetailPage />, {
    session: sessionOf('someone', roles),
    path: `/deliveries/${encodeURIComponent(REF)}`,
    pattern: '/deliveries/:reference',
  });

describe('delivery page', () => {
  stubFileTransfers();

  it('shows the delivery, links its racks, and lets a viewer download its papers', async () => {
    const calls = stubFetch({
      [`GET ${path}`]: { body: delivery([waybill]) },
      [`GET ${path}/attachments/${waybill.id}`]: { body: '%PDF' },
    });
    renderAs(['viewer']);

    expect(await screen.findByRole('heading', { name: `Delivery ${REF}` })).toBeTruthy();
    expect(screen.getByText('PHX-1')).toBeTruthy();
    const row = within(screen.getByRole('table', { name: 'Racks' })).getByRole('row', { name: /RK-G1-0007/ });
    expect(within(row).getByRole('link', { name: 'RK-G1-0007' }).getAttribute('href')).toBe('/racks/RK-G1-0007');
    expect(row.textContent).toContain('1,250,000.00 USD');
    const files = screen.getByRole('region', { name: 'Delivery files' });
    expect(within(files).queryByLabelText(/Attach a file/)).toBeNull();

    await userEvent.click(within(files).getByRole('button', { name: 'waybill.pdf' }));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    expect(calls.map((c) => c.url)).toContain(`${path}/attachments/${waybill.id}`);
  });

  it('lets intake attach a photo on arrival, then shows it', async () => {
    const uploads = stubUploads();
    let attached: IntakeAttachment[] = [];
    stubFetch({ [`GET ${path}`]: () => ({ body: delivery(attached) }) });
    renderAs(['intake']);

    const files = await screen.findByRole('region', { name: 'Delivery files' });
    expect(files.textContent).toContain('No photos or papers attached.');
    await userEvent.upload(within(files).getByLabelText(/Attach a file/), new File(['png'], 'crate.png', { type: 'image/png' }));
    expect(uploads[0].url).toBe(`${path}/attachments?filename=crate.png`);
    attached = [{ ...waybill, id: 'c1', filename: 'crate.png', mediaType: 'image/png' }];
    act(() => uploads[0].respond(201, attached[0]));

    expect(await within(files).findByRole('button', { name: 'crate.png' })).toBeTruthy();
  });

  it('says when the delivery is not known', async () => {
    stubFetch({
      [`GET ${path}`]: {
        status: 404,
        body: { statusCode: 404, error: 'Not Found', code: 'DELIVERY_NOT_FOUND', message: `delivery ${REF} not found`, details: [] },
      },
    });
    renderAs(['viewer']);
    expect((await screen.findByRole('alert')).textContent).toContain(`delivery ${REF} not found`);
  });
});
