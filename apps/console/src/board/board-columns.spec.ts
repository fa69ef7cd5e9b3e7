import type { RackSummary } from '../api';
import { groupByStage, matchesFilter, replaceRack } from './board-columns';

const rack = (serial: string, state: RackSummary['state'], generation = 'G1') => ({ serial, state, generation }) as RackSummary;

describe('rack board', () => {
  it('has a column for every stage from received to returned, in lifecycle order', () => {
    const sut = groupByStage([rack('RK-2', 'RECEIVED'), rack('RK-1', 'RECEIVED'), rack('RK-3', 'PURCHASED')]);
    expect(sut[0]).toMatchObject({ state: 'RECEIVED', label: 'Received' });
    expect(sut[0].racks.map((r) => r.serial)).toEqual(['RK-1', 'RK-2']);
    expect(sut.at(-1)?.state).toBe('RETURNED');
    expect(sut.find((c) => c.state === 'PURCHASED')?.racks).toHaveLength(1);
  });

  it('moves a card to its new column after a live update', () => {
    const updated = replaceRack([rack('RK-1', 'RECEIVED'), rack('RK-2', 'RECEIVED')], rack('RK-1', 'RELEASED_FOR_EVALUATION'), () => true);
    const columns = groupByStage(updated);
    expect(columns.find((c) => c.state === 'RECEIVED')?.racks.map((r) => r.serial)).toEqual(['RK-2']);
    expect(columns.find((c) => c.state === 'RELEASED_FOR_EVALUATION')?.racks.map((r) => r.serial)).toEqual(['RK-1']);
  });

  it('filters by generation and serial prefix', () => {
    expect(matchesFilter({ generation: 'G2', serialPrefix: '' }, rack('RK-1', 'RECEIVED', 'G1'))).toBe(false);
    expect(matchesFilter({ generation: '', serialPrefix: 'RK-G2' }, rack('RK-G2-001', 'RECEIVED'))).toBe(true);
    expect(matchesFilter({ generation: '', serialPrefix: 'RK-G3' }, rack('RK-G2-001', 'RECEIVED'))).toBe(false);
  });
});
