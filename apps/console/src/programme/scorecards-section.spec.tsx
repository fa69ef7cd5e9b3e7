import { screen, within } from '@testing-library/react';
import type { LotScorecard, ResultsProgramme, SupplierScorecard } from '../api';
import { stubFetch } from '../test-support/fetch-stub';
import { renderSignedIn, sessionOf } from '../test-support/render';
import { ScorecardsSection } from './scorecards-section';

const suppliers: SupplierScorecard = {
  asOf: '2026-11-30T12:00:00.000Z',
  suppliers: [
    {
      supplier: 'Delta Electronics',
      racks: 4,
      concluded: 4,
      failed: 1,
      failureRatePct: '25.00',
      currency: 'USD',
      cost: '40000.00',
      domesticCost: '0.00',
      domesticSharePct: '0.00',
      byGeneration: [],
    },
    {
      supplier: 'Foxconn',
      racks: 4,
      concluded: 4,
      failed: 0,
      failureRatePct: '0.00',
      currency: 'USD',
      cost: '400000.00',
      domesticCost: '400000.00',
      domesticSharePct: '100.00',
      byGeneration: [],
    },
  ],
};
const lots: LotScorecard = {
  asOf: '2026-11-30T12:00:00.000Z',
  lots: [
    {
      lot: 'B',
      generation: 'G1',
      racks: 2,
      concluded: 2,
      failed: 1,
      failureRatePct: '50.00',
      meanDomesticContentPct: '62.50',
      domesticContentTargetPct: '60.00',
    },
  ],
};
const counts = (byClass: Array<[string | null, number, number]>) => ({
  findings: byClass.reduce((sum, [, findings]) => sum + findings, 0),
  open: byClass.reduce((sum, [, , open]) => sum + open, 0),
  byClass: byClass.map(([failureClass, findings, open]) => ({ failureClass, findings, open })),
  byState: [],
});
const results = {
  asOf: '2026-11-30T12:00:00.000Z',
  generations: [
    {
      generation: 'G1',
      findingsBySupplier: [
        {
          supplier: 'Delta Electronics',
          ...counts([
            ['POWER', 2, 1],
            [null, 1, 1],
          ]),
        },
      ],
      findingsByLot: [
        {
          lot: 'B',
          ...counts([
            ['POWER', 2, 1],
            [null, 1, 1],
          ]),
        },
      ],
    },
  ],
} as unknown as ResultsProgramme;

const cells = (table: HTMLElement, rowName: RegExp) =>
  Array.from(within(table).getByRole('row', { name: rowName }).querySelectorAll('th, td'), (cell) => cell.textContent);

describe('supplier and lot scorecards', () => {
  beforeEach(() => {
    sessionStorage.clear();
    stubFetch({
      'GET /api/intake/v1/programme/suppliers': { body: suppliers },
      'GET /api/intake/v1/programme/lots': { body: lots },
      'GET /api/results/v1/programme/components': { body: { asOf: suppliers.asOf, components: [] } },
    });
  });

  it("shows each supplier's and lot's open findings and its findings by class", async () => {
    renderSignedIn(<ScorecardsSection results={results} />, { session: sessionOf('vic', ['viewer']) });

    const supplierTable = await screen.findByRole('table', { name: /Suppliers/ });
    expect(within(supplierTable).getByRole('columnheader', { name: 'Open findings' })).toBeTruthy();
    expect(cells(supplierTable, /Delta Electronics/).slice(-2)).toEqual(['2 of 3', 'Power 2 (1 open) · Unclassified 1 (1 open)']);
    expect(cells(supplierTable, /Foxconn/).slice(-2)).toEqual(['none', '—']);

    const lotTable = await screen.findByRole('table', { name: /Manufacturing lots/ });
    expect(cells(lotTable, /^B/).slice(-2)).toEqual(['2 of 3', 'Power 2 (1 open) · Unclassified 1 (1 open)']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("leaves the findings columns out while results' figures are not in", async () => {
    renderSignedIn(<ScorecardsSection />, { session: sessionOf('vic', ['viewer']) });

    const supplierTable = await screen.findByRole('table', { name: /Suppliers/ });
    expect(within(supplierTable).queryByRole('columnheader', { name: 'Open findings' })).toBeNull();
    expect(
      within(await screen.findByRole('table', { name: /Manufacturing lots/ })).queryByRole('columnheader', { name: 'Findings by class' }),
    ).toBeNull();
  });
});
