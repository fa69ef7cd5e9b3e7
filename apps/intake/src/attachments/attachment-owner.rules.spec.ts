import { attachmentsPathOf, describeOwner, downloadPathOf, ownerOf, storedOwner, type AttachmentOwner } from './attachment-owner.rules';

const INSPECTION_ID = '6f1c2f0e-8a41-4c1e-9d55-0b7a3c2e9f10';
const RMA_ID = '0b7f8a7e-5f0e-4d7e-9c56-3a4b5c6d7e8f';
const ATTACHMENT_ID = '9d2b6c1a-3e4f-4a5b-8c7d-1e2f3a4b5c6d';

const delivery: AttachmentOwner = { kind: 'DELIVERY', reference: 'DHL 7781/2231' };
const inspection: AttachmentOwner = { kind: 'INSPECTION', serial: 'RK-G1-0001', inspectionId: INSPECTION_ID };
const rma: AttachmentOwner = { kind: 'RMA', rmaId: RMA_ID };

describe('attachment owners', () => {
  it('download paths follow the owner routes, with a delivery reference path-encoded', () => {
    expect(downloadPathOf(delivery, ATTACHMENT_ID)).toBe(`/v1/deliveries/DHL%207781%2F2231/attachments/${ATTACHMENT_ID}`);
    expect(downloadPathOf(inspection, ATTACHMENT_ID)).toBe(
      `/v1/racks/RK-G1-0001/inspections/${INSPECTION_ID}/attachments/${ATTACHMENT_ID}`,
    );
    expect(attachmentsPathOf(rma)).toBe(`/v1/rmas/${RMA_ID}/attachments`);
  });

  it('are stored as kind and id, with the rack only for an inspection, and read back as they were', () => {
    expect(storedOwner(delivery)).toEqual({ kind: 'DELIVERY', ownerId: 'DHL 7781/2231', rackSerial: null });
    expect(storedOwner(inspection)).toEqual({ kind: 'INSPECTION', ownerId: INSPECTION_ID, rackSerial: 'RK-G1-0001' });
    expect(storedOwner(rma)).toEqual({ kind: 'RMA', ownerId: RMA_ID, rackSerial: null });
    for (const owner of [delivery, inspection, rma]) expect(ownerOf(storedOwner(owner))).toEqual(owner);
  });

  it('are named in messages by what a person knows them by', () => {
    expect(describeOwner(delivery)).toBe('delivery DHL 7781/2231');
    expect(describeOwner(inspection)).toBe(`inspection ${INSPECTION_ID} of rack RK-G1-0001`);
    expect(describeOwner(rma)).toBe(`RMA ${RMA_ID}`);
  });
});
