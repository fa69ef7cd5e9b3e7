import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IntakeAttachment, RmaDetail } from '../api';
import { intakeAttachmentFixture } from '../test-support/attachment-fixture';
import { stubFetch } from '../test-support/fetch-stub';
import { stubFileTransfers } from '../test-support/file-transfers';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { rmaDetailFixture, rmaUnitFixture } from '../test-support/rma-fixture';
import { stubUploads } from '../test-support/xhr-stub';
import { RmaPage } from './rma-page';

const ID = '4a1c2b3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const packingList = intakeAttachmentFixture(`/v1/rmas/${ID}`, {
  id: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
  owner: 'RMA',
  ownerId: ID,
  filename: 'packing-list.pdf',
  size: 2048,
  sha256: 'ab'.repeat(32),
  uploadedAt: '2026-11-30T09:00:00.000Z',
});
const rma = (attachments: IntakeAttachment[]): RmaDetail =>
  rmaDetailFixture({
    state: 'SHIPPED',
    shippedAt: '2026-11-30T08:00:00.000Z',
    updatedAt: '2026-11-30T08:00:00.000Z',
    version: 2,
    shippedBy: 'ines',
    attachments,
    units: [rmaUnitFixture({ state: 'RETURNED_FOR_RMA' })],
  });

describe('RMA page: files', () => {
  stubFileTransfers();

  it('lets a viewer download the packing list but not attach', async () => {
    const calls = stubFetch({
      [`GET /api/intake/v1/rmas/${ID}`]: { body: rma([packingList]) },
      [`GET /api/intake/v1/rmas/${ID}/attachments/${packingList.id}`]: { body: '%PDF' },
    });
    renderSignedIn(<RmaPage />, { session: sessionOf('vic', ['viewer']), path: `/rmas/${ID}`, pattern: '/rmas/:id' });

    const files = await screen.findByRole('region', { name: 'RMA files' });
    expect(files.textContent).toContain('application/pdf, 2.0 KiB, by ines');
    expect(within(files).queryByLabelText(/Attach a file/)).toBeNull();
    await userEvent.click(within(files).getByRole('button', { name: 'packing-list.pdf' }));

    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    const download = calls.find((c) => c.url.includes('/attachments/'))!;
    expect(download.url).toBe(`/api/intake/v1/rmas/${ID}/attachments/${packingList.id}`);
    expect(download.headers.authorization).toBe('Bearer token-of-vic');
  });

  it.each([['intake'], ['admin']] as const)('lets %s attach a photo, then shows it', async (role) => {
    const uploads = stubUploads();
    const photo = { ...packingList, id: 'p2', filename: 'crate.jpg', mediaType: 'image/jpeg' };
    let attached: IntakeAttachment[] = [packingList];
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: () => ({ body: rma(attached) }) });
    renderSignedIn(<RmaPage />, { session: sessionOf('someone', [role]), path: `/rmas/${ID}`, pattern: '/rmas/:id' });

    const files = await screen.findByRole('region', { name: 'RMA files' });
    await userEvent.upload(
      within(files).getByLabelText(/Attach a file \(packing list, photo/),
      new File(['jpeg'], 'crate.jpg', { type: 'image/jpeg' }),
    );
    expect(uploads[0].method).toBe('POST');
    expect(uploads[0].url).toBe(`/api/intake/v1/rmas/${ID}/attachments?filename=crate.jpg`);
    expect(uploads[0].headers['content-type']).toBe('image/jpeg');
    attached = [packingList, photo];
    act(() => uploads[0].respond(201, photo));

    expect(await within(files).findByRole('button', { name: 'crate.jpg' })).toBeTruthy();
  });

  it('says when nothing is attached', async () => {
    stubFetch({ [`GET /api/intake/v1/rmas/${ID}`]: { body: rma([]) } });
    renderSignedIn(<RmaPage />, { session: sessionOf('vic', ['viewer']), path: `/rmas/${ID}`, pattern: '/rmas/:id' });
    expect((await screen.findByRole('region', { name: 'RMA files' })).textContent).toContain('No packing list or photos attached.');
  });
});
