import { Link } from 'react-router-dom';
import type { PurchaseOption } from '../api';
import { formatMoney } from '../shared/format';
import { daysLeftInWords } from './option-queue';
import { OptionRmaCellNote } from './option-rma';

/** The rack, linked to its option page (with its incarnation and RMA when they matter), and its generation: the first cells of every option list. */
export function OptionRackCells({ option }: { option: PurchaseOption }) {
  return (
    <>
      <td>
        <Link to={`/options/${encodeURIComponent(option.rackSerial)}`}>{option.rackSerial}</Link>
        <OptionRmaCellNote option={option} />
      </td>
      <td>{option.generation}</td>
    </>
  );
}

/** Days left (a warning at three or fewer) and the price, after the state in every option list. */
export function DaysLeftAndPriceCells({ option }: { option: PurchaseOption }) {
  return (
    <>
      <td className={option.daysLeft !== null && option.daysLeft <= 3 ? 'warn' : undefined}>{daysLeftInWords(option.daysLeft)}</td>
      <td className="num">{option.terms ? formatMoney(option.terms.unitPrice, option.terms.currency) : '—'}</td>
    </>
  );
}
