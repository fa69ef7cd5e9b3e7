import { FailureTaxonomy } from './failure-taxonomy';
import { linkToBom as sut, suspectedFromDiagnosis } from './finding-component.rules';
import type { FindingRack } from './finding.model';

const rack: FindingRack = {
  rackSerial: 'RK-1',
  generation: 'G2',
  lot: 'B',
  bom: [
    { partNumber: 'PSU-3KW-A', category: 'power', quantity: 6, supplier: 'Delta Electronics', countryOfOrigin: 'TW' },
    { partNumber: 'CDU-LC-2', category: 'cooling', quantity: 1, supplier: 'CoolIT', countryOfOrigin: 'CA' },
  ],
};

describe("linking a suspected part to the rack's BOM line", () => {
  it("copies the line's supplier, country and category, whatever the case and spacing of the part number", () => {
    expect(sut({ partNumber: ' psu 3kw-a', location: 'PSU shelf 2' }, rack)).toEqual({
      partNumber: 'PSU-3KW-A',
      supplier: 'Delta Electronics',
      countryOfOrigin: 'TW',
      category: 'power',
      location: 'PSU shelf 2',
    });
  });

  it("refuses a part that is not on the rack's BOM, naming the field and the rack's parts", () => {
    expect(() => sut({ partNumber: 'NIC-400G' }, rack)).toThrow(
      expect.objectContaining({
        code: 'UNKNOWN_BOM_LINE',
        message: 'part NIC-400G is not on the bill of materials of rack RK-1 (PSU-3KW-A, CDU-LC-2)',
        details: [{ field: 'component.partNumber', message: 'not a part number of rack RK-1' }],
      }),
    );
  });

  it("keeps the part number as given when intake has not told results the rack's BOM", () => {
    expect(sut({ partNumber: 'NIC-400G' }, { ...rack, bom: null })).toEqual({ partNumber: 'NIC-400G' });
    expect(sut({ partNumber: 'NIC-400G' }, undefined)).toEqual({ partNumber: 'NIC-400G' });
  });

  it('never refuses what a diagnosis names: a part off the BOM is kept as reported', () => {
    expect(suspectedFromDiagnosis('NIC-400G', 'slot 4', rack)).toEqual({ partNumber: 'NIC-400G', location: 'slot 4' });
    expect(suspectedFromDiagnosis('cdu-lc-2', null, rack)).toMatchObject({ partNumber: 'CDU-LC-2', supplier: 'CoolIT' });
    expect(suspectedFromDiagnosis(null, 'slot 4', rack)).toBeNull();
  });
});

describe('failure taxonomy', () => {
  it('accepts the configured classes and names them when refusing another', () => {
    const taxonomy = new FailureTaxonomy('POWER,THERMAL');
    expect(taxonomy.check('POWER')).toBe('POWER');
    expect(() => taxonomy.check('GREMLINS')).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_FAILURE_CLASS', message: 'failure class GREMLINS is not in the taxonomy (POWER, THERMAL)' }),
    );
  });
});
