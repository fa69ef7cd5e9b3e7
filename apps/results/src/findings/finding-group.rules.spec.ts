import { groupKeyOf as sut } from './finding-group.rules';

describe('grouping rule of similar findings', () => {
  it('groups by criterion, suspected part and failure class', () => {
    expect(sut({ criterion: 'rack.power', partNumber: 'PSU-3KW-A', failureClass: 'POWER' })).toBe('criterion:rack.power|PSU-3KW-A|POWER');
  });

  it('treats part numbers that differ only in case and spacing as one part', () => {
    const a = sut({ criterion: 'rack.power', partNumber: 'psu 3kw_a', failureClass: 'POWER' });
    expect(a).toBe(sut({ criterion: 'rack.power', partNumber: ' PSU-3KW-A ', failureClass: 'POWER' }));
  });

  it('keeps apart the same criterion on different parts or classes', () => {
    const base = { criterion: 'rack.power', partNumber: 'PSU-3KW-A', failureClass: 'POWER' };
    expect(sut(base)).not.toBe(sut({ ...base, partNumber: 'BUSBAR-48V' }));
    expect(sut(base)).not.toBe(sut({ ...base, failureClass: 'HARDWARE_DEFECT' }));
  });

  it('groups diagnoses by their verdict whatever the case, and untriaged findings as UNCLASSIFIED', () => {
    expect(sut({ diagnosis: 'PSU Shelf Fault' })).toBe('diagnosis:psu-shelf-fault|-|UNCLASSIFIED');
    expect(sut({ diagnosis: 'psu-shelf-fault' })).toBe('diagnosis:psu-shelf-fault|-|UNCLASSIFIED');
  });

  it('groups a run that failed as a whole under its own subject', () => {
    expect(sut({ failureClass: 'TEST_HARNESS' })).toBe('run|-|TEST_HARNESS');
  });

  it('groups inspection findings by their failed check (case and spacing ignored) and failure class', () => {
    expect(sut({ inspectionCheck: 'Coolant Leak Test', inspection: true })).toBe('inspection:coolant-leak-test|-|UNCLASSIFIED');
    expect(sut({ inspectionCheck: 'coolant-leak-test', inspection: true, failureClass: 'THERMAL' })).toBe(
      'inspection:coolant-leak-test|-|THERMAL',
    );
    expect(sut({ inspectionCheck: 'coolant-leak-test', inspection: true })).not.toBe(
      sut({ inspectionCheck: 'torque-check', inspection: true }),
    );
  });

  it('groups inspections that failed with no failed check apart from runs that failed as a whole', () => {
    expect(sut({ inspection: true, failureClass: 'HARDWARE_DEFECT' })).toBe('inspection|-|HARDWARE_DEFECT');
  });
});
