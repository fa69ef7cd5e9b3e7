import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { IntakeAttachment, RackDetail, Role } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { stubFileTransfers } from '../test-support/file-transfers';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { stubUploads } from '../test-support/xhr-stub';
import { RackInspections } from './rack-inspections';

const photo: IntakeAttachment = {
  id: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
  owner: 'INSPECTION',
  ownerId: 'insp-2',
  rackSerial: 'RK-G1-0007',
  filename: 'coolant-leak.jpg',
  mediaType: 'image/jpeg',
  size: 10,
  sha256: '12'.repeat(32),
  uploadedBy: 'ines',
  uploadedAt: '2026-11-20T15:00:00.000Z',
  href: '/v1/racks/RK-G1-0007/inspections/insp-2/attachments/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
};
const rack = {
  serial: 'RK-G1-0007',
  inspections: [
    {
      id: 'insp-1',
      outcome: 'QUARANTINED',
      checks: [{ name: 'coolant-leak-test', passed: false }],
      note: 'drip at manifold',
      inspectedBy: 'ines',
      inspectedAt: '2026-11-20T14:00:00.000Z',
      attachments: [],
    },
    {
      id: 'insp-2',
      outcome: 'ACCEPTED',
      checks: [{ name: 'coolant-leak-test', passed: true }],
      note: null,
      inspectedBy: 'ines',
      inspectedAt: '2026-11-21T09:00:00.000Z',
      attachments: [photo],
    },
  ],
} as unknown as RackDetail;

const renderAs = (roles: Role[], onAttached = jest.fn()) =>
  renderSignedIn(<RackInspections rack={rack} onAttached={onAttached} />, { session: sessionOf('someone', roles) });

describe('rack inspections with their files', () => {
  stubFileTransfers();

  it("shows each inspection's own files; a viewer downloads one from its inspection and cannot attach", async () => {
    const calls = stubFetch({ [`GET /api/intake${photo.href}`]: { body: 'jpeg' } });
    renderAs(['viewer']);

    const [first, second] = screen.getAllByRole('listitem').filter((li) => li.querySelector('section'));
    expect(first.textContent).toContain('drip at manifold');
    expect(within(first).getByText('No photos or files.')).toBeTruthy();
    expect(within(second).getByText(/image\/jpeg, 10 bytes, by ines/)).toBeTruthy();
    expect(screen.queryByLabelText(/Attach a photo/)).toBeNull();

    await userEvent.click(within(second).getByRole('button', { name: 'coolant-leak.jpg' }));
    await waitFor(() => expect(URL.createObjectURL).toHaveBeenCalled());
    expect(calls[0].url).toBe(`/api/intake/v1/racks/RK-G1-0007/inspections/insp-2/attachments/${photo.id}`);
  });

  it.each([['intake'], ['admin']] as const)('lets %s attach a photo to one inspection', async (role) => {
    const uploads = stubUploads();
    const onAttached = jest.fn();
    stubFetch({});
    renderAs([role], onAttached);

    const inputs = screen.getAllByLabelText('Attach a photo or file to this inspection');
    expect(inputs).toHaveLength(2);
    await userEvent.upload(inputs[0], new File(['jpeg'], 'manifold drip.jpg', { type: 'image/jpeg' }));
    expect(uploads[0].url).toBe('/api/intake/v1/racks/RK-G1-0007/inspections/insp-1/attachments?filename=manifold%20drip.jpg');
    act(() => uploads[0].respond(201, { ...photo, ownerId: 'insp-1' }));

    await waitFor(() => expect(onAttached).toHaveBeenCalledTimes(1));
  });
});
