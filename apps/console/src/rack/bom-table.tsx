import type { BomLine } from '../api';
import { formatMoney } from '../shared/format';

export function BomTable({ bom }: { bom: BomLine[] }) {
  return (
    <table>
      <caption className="visually-hidden">Bill of materials</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Part number</th>
          <th scope="col">Category</th>
          <th scope="col" className="num">
            Quantity
          </th>
          <th scope="col" className="num">
            Unit cost
          </th>
          <th scope="col">Supplier</th>
          <th scope="col">Origin</th>
        </tr>
      </thead>
      <tbody>
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
      </tbody>
    </table>
  );
}
