import type { BomLine } from '../api';
import { DataTable, num } from '../shared/data-table';
import { formatMoney } from '../shared/format';

export function BomTable({ bom }: { bom: BomLine[] }) {
  return (
    <DataTable
      caption="Bill of materials"
      captionUnseen
      columns={['Line', 'Part number', 'Category', num('Quantity'), num('Unit cost'), 'Supplier', 'Origin']}
    >
      {bom.map((line) => (
        <tr key={line.line}>
          <td>{line.line}</td>
          <td>{line.partNumber}</td>
          <td>{line.category}</td>
          <td className="num">{line.quantity}</td>
          <td className="num">{formatMoney(line.unitCost, line.currency)}</td>
          <td>{line.supplier}</td>
          <td>{line.countryOfOrigin === 'US' ? <strong>US</strong> : line.countryOfOrigin}</td>
        </tr>
      ))}
    </DataTable>
  );
}
