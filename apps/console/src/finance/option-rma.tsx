import { Link } from 'react-router-dom';
import type { PurchaseOption } from '../api';
import { RETURN_KIND_LABELS } from '../rmas/rma-words';
import { formatDateTime } from '../shared/format';
import { atManufacturer } from './option-queue';

type OptionRma = NonNullable<PurchaseOption['rma']>;

const rmaLink = (rma: OptionRma) => <Link to={`/rmas/${rma.rmaId}`}>{rma.rmaNumber}</Link>;

/** Where the rack is with respect to its latest RMA, in one line; nothing for a rack never on one. */
function RmaWords({ rma }: { rma: OptionRma }) {
  if (rma.receivedAt)
    return (
      <>
        Back from the manufacturer under RMA {rmaLink(rma)} since {formatDateTime(rma.receivedAt)}
        {rma.returnKind ? ` (${RETURN_KIND_LABELS[rma.returnKind].toLowerCase()})` : ''}
        {rma.replacedBy && (
          <>
            {', replaced by '}
            <Link to={`/racks/${encodeURIComponent(rma.replacedBy)}`}>{rma.replacedBy}</Link>
          </>
        )}
      </>
    );
  if (rma.shippedAt)
    return (
      <>
        At the manufacturer under RMA {rmaLink(rma)} since {formatDateTime(rma.shippedAt)}
      </>
    );
  return <>On RMA {rmaLink(rma)}, not shipped yet</>;
}

/**
 * On the option's page: the rack's RMA and, for a unit back from one under its serial, which incarnation
 * the option is about now (its window counts from that incarnation's verdict).
 */
export function OptionRmaNote({ option }: { option: PurchaseOption }) {
  if (!option.rma && option.incarnation <= 1) return null;
  return (
    <div role="note" aria-label="RMA">
      {option.rma && (
        <p className={atManufacturer(option) ? 'warn' : undefined}>
          <RmaWords rma={option.rma} />.
        </p>
      )}
      {option.incarnation > 1 && (
        <p className="muted">
          <span className="badge incarnation">incarnation {option.incarnation}</span> The option is about the unit back from the
          manufacturer under this serial; earlier incarnations' verdicts and decisions stay in the history below.
        </p>
      )}
    </div>
  );
}

/** In a list's rack cell: the incarnation when past the first, and a line while the rack is at the manufacturer. */
export function OptionRmaCellNote({ option }: { option: PurchaseOption }) {
  return (
    <>
      {option.incarnation > 1 && <span className="badge incarnation">incarnation {option.incarnation}</span>}
      {atManufacturer(option) && option.rma && (
        <div className="muted small">
          <RmaWords rma={option.rma} />
        </div>
      )}
    </>
  );
}
