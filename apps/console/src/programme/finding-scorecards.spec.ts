import type { ResultsProgramme } from '../api';
import { classLabel } from '../findings/finding-words';
import { classesInWords, lotFindings, openInWords, ORIGINS_LISTED, supplierFindings } from './finding-scorecards';

type Generation = ResultsProgramme['generations'][number];
type SupplierEntry = Generation['findingsBySupplier'][number];
type LotEntry = Generation['findingsByLot'][number];

const entry = (byClass: Array<[string | null, number, number]>) => ({
  findings: byClass.reduce((sum, [, findings]) => sum + findings, 0),
  open: byClass.reduce((sum, [, , open]) => sum + open, 0),
  byClass: byClass.map(([failureClass, findings, open]) => ({ failureClass, findings, open })),
  byState: [],
});
const supplier = (name: string | null, byClass: Array<[string | null, number, number]>): SupplierEntry => ({
  supplier: name,
  ...entry(byClass),
});
const lot = (name: string | null, byClass: Array<[string | null, number, number]>): LotEntry => ({ lot: name, ...entry(byClass) });
const generation = (code: string, findingsBySupplier: SupplierEntry[], findingsByLot: LotEntry[] = []) =>
  ({ generation: code, findingsBySupplier, findingsByLot }) as unknown as Generation;
const programme = (...generations: Generation[]) => ({ asOf: '2026-11-30T12:00:00.000Z', generations }) as ResultsProgramme;

describe('findings in the supplier and lot scorecards', () => {
  it("adds a supplier's findings up over the generations, class by class, open ones first and the untriaged last", () => {
    const results = programme(
      generation('G1', [
        supplier('Delta Electronics', [
          ['POWER', 2, 1],
          [null, 1, 1],
        ]),
        supplier(null, [[null, 4, 4]]),
      ]),
      generation('G2', [
        supplier('Delta Electronics', [
          ['THERMAL', 1, 1],
          ['POWER', 1, 1],
        ]),
      ]),
    );

    expect(supplierFindings(results, 'Delta Electronics')).toEqual({
      findings: 5,
      open: 4,
      byClass: [
        { failureClass: 'POWER', findings: 3, open: 2 },
        { failureClass: 'THERMAL', findings: 1, open: 1 },
        { failureClass: null, findings: 1, open: 1 },
      ],
      complete: true,
    });
    expect(supplierFindings(results, 'Foxconn')).toBeUndefined();
    expect(supplierFindings(undefined, 'Delta Electronics')).toBeUndefined();
  });

  it("takes a lot's findings from its own generation only", () => {
    const results = programme(
      generation('G1', [], [lot('B', [['POWER', 2, 0]])]),
      generation('G2', [], [lot('B', [['THERMAL', 3, 3]]), lot(null, [[null, 1, 1]])]),
    );
    expect(lotFindings(results, 'G2', 'B')).toEqual({
      findings: 3,
      open: 3,
      byClass: [{ failureClass: 'THERMAL', findings: 3, open: 3 }],
      complete: true,
    });
    expect(lotFindings(results, 'G1', 'C')).toBeUndefined();
    expect(lotFindings(results, 'G3', 'B')).toBeUndefined();
  });

  it('counts only a floor for a supplier missing from a generation that listed its full 20', () => {
    const full = Array.from({ length: ORIGINS_LISTED }, (_, i) => supplier(`S${i}`, [['POWER', 3, 3]]));
    const results = programme(
      generation('G1', [...full, supplier(null, [[null, 1, 1]])]),
      generation('G2', [supplier('Late', [['POWER', 1, 1]])]),
    );

    expect(supplierFindings(results, 'Late')).toMatchObject({ findings: 1, open: 1, complete: false });
    expect(openInWords(supplierFindings(results, 'Late'))).toBe('at least 1 of 1');
    expect(openInWords(supplierFindings(results, 'Nobody'))).toBe(`not among the ${ORIGINS_LISTED} listed`);
    expect(openInWords(supplierFindings(results, 'S0'))).toBe('3 of 3');
  });

  it('words the classes with their open findings', () => {
    const tally = supplierFindings(
      programme(
        generation('G1', [
          supplier('Delta', [
            ['POWER', 2, 1],
            ['HARDWARE_DEFECT', 1, 0],
            [null, 1, 1],
          ]),
        ]),
      ),
      'Delta',
    );
    expect(classesInWords(tally, classLabel)).toBe('Power 2 (1 open) · Hardware defect 1 · Unclassified 1 (1 open)');
    expect([openInWords(undefined), classesInWords(undefined, classLabel)]).toEqual(['none', '—']);
  });
});
