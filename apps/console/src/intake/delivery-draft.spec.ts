import { checkDraft, domesticContentPct, emptyBomLine, toDelivery, type DeliveryDraft } from './delivery-draft';

const draft = (): DeliveryDraft => ({
  reference: 'DHL-1',
  site: 'US-TX-1',
  receivedAt: '2026-11-20T14:05',
  racks: [
    {
      serial: 'RK-G1-0001',
      generation: 'G1',
      lot: 'LOT-A',
      bom: [
        {
          partNumber: 'GPU',
          category: 'compute',
          quantity: '8',
          unitCost: '31250.00',
          currency: 'USD',
          supplier: 'Acme',
          countryOfOrigin: 'us',
        },
        {
          partNumber: 'NIC',
          category: 'networking',
          quantity: '8',
          unitCost: '1800.00',
          currency: 'USD',
          supplier: 'Fabric',
          countryOfOrigin: 'TW',
        },
      ],
    },
  ],
});

describe('delivery draft', () => {
  it('builds the request body with decimal money and upper-case country codes', () => {
    const sut = toDelivery(draft());
    expect(sut.racks[0].bom[0]).toEqual({
      partNumber: 'GPU',
      category: 'compute',
      quantity: 8,
      unitCost: '31250.00',
      currency: 'USD',
      supplier: 'Acme',
      countryOfOrigin: 'US',
    });
    expect(sut.receivedAt).toMatch(/^2026-11-20T\d\d:05:00Z$/);
  });

  it('finds problems by field before sending', () => {
    const bad = draft();
    bad.racks.push({ ...bad.racks[0], bom: [{ ...emptyBomLine(), quantity: '1.5' }] });
    const fields = checkDraft(bad).map((p) => p.field);
    expect(fields).toContain('racks[1].serial');
    expect(fields).toContain('racks[1].bom[0].quantity');
    expect(fields).toContain('racks[1].bom[0].unitCost');
    expect(checkDraft(draft())).toEqual([]);
  });

  it('computes domestic content exactly from the typed lines', () => {
    // 8 × 31250 US of 8 × 33050 total = 94.55 %
    expect(domesticContentPct(draft().racks[0].bom)).toBe(94.55);
    expect(domesticContentPct([{ ...emptyBomLine(), unitCost: '' }])).toBeNull();
  });
});
