import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const sut = new SnakeNamingStrategy();

  it('names tables and columns in snake_case', () => {
    expect(sut.tableName('BillOfMaterialsLine', undefined)).toBe('bill_of_materials_line');
    expect(sut.tableName('RackUnit', 'rack')).toBe('rack');
    expect(sut.columnName('domesticContentPct', undefined, [])).toBe('domestic_content_pct');
    expect(sut.columnName('amount', undefined, ['unitCost'])).toBe('unit_cost_amount');
    expect(sut.columnName('rackSerial', 'serial', [])).toBe('serial');
    expect(sut.columnName('bomCSVLine', undefined, [])).toBe('bom_csv_line');
  });
});
