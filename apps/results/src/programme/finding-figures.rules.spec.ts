import type { FindingState } from '@rackeval/contracts';
import { findingFigures } from './finding-figures.rules';

const row = (origin: string | null, failureClass: string | null, state: FindingState, findings: number) => ({
  origin,
  failureClass,
  state,
  findings,
});

describe('findings by origin (lot or supplier)', () => {
  it('counts findings by class and by state; open is every state but VERIFIED and WONT_FIX', () => {
    const [sut] = findingFigures([
      row('Delta', 'POWER', 'TRIAGED', 2),
      row('Delta', 'POWER', 'VERIFIED', 1),
      row('Delta', 'THERMAL', 'WONT_FIX', 1),
      row('Delta', 'POWER', 'REPORTED_TO_MANUFACTURER', 3),
      row('Delta', null, 'OPEN', 1),
    ]);
    expect(sut).toEqual({
      origin: 'Delta',
      findings: 8,
      open: 6,
      byClass: [
        { failureClass: 'POWER', findings: 6, open: 5 },
        { failureClass: 'THERMAL', findings: 1, open: 0 },
        { failureClass: null, findings: 1, open: 1 },
      ],
      byState: [
        { state: 'OPEN', findings: 1 },
        { state: 'TRIAGED', findings: 2 },
        { state: 'REPORTED_TO_MANUFACTURER', findings: 3 },
        { state: 'VERIFIED', findings: 1 },
        { state: 'WONT_FIX', findings: 1 },
      ],
    });
  });

  it('puts most open findings first, then most findings, then the name; the unknown origin last', () => {
    const sut = findingFigures([
      row(null, null, 'OPEN', 9),
      row('L-B', 'POWER', 'VERIFIED', 5),
      row('L-C', 'POWER', 'OPEN', 2),
      row('L-A', 'POWER', 'OPEN', 2),
      row('L-D', 'FIRMWARE', 'TRIAGED', 3),
    ]);
    expect(sut.map((f) => [f.origin, f.open, f.findings])).toEqual([
      ['L-D', 3, 3],
      ['L-A', 2, 2],
      ['L-C', 2, 2],
      ['L-B', 0, 5],
      [null, 9, 9],
    ]);
  });

  it('shows only the first origins, the unknown one still last', () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(`S-${String(i).padStart(2, '0')}`, 'POWER', 'OPEN', 25 - i));
    const sut = findingFigures([...rows, row(null, null, 'OPEN', 1)], 20);
    expect(sut).toHaveLength(21);
    expect(sut[0].origin).toBe('S-00');
    expect(sut[19].origin).toBe('S-19');
    expect(sut[20].origin).toBeNull();
  });

  it('answers nothing without findings', () => {
    expect(findingFigures([])).toEqual([]);
  });
});
