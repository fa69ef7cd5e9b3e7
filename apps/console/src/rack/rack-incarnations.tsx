import { Link } from 'react-router-dom';
import { intakeApi, type RackDetail } from '../api';
import { RETURN_KIND_LABELS } from '../rmas/rma-words';
import { DataTable } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';

const rackPath = (serial: string) => `/racks/${encodeURIComponent(serial)}`;

/** Beside the state: which unit under this serial it is, once it came back from an RMA at least once. */
export function IncarnationBadge({ rack }: { rack: RackDetail }) {
  if (rack.incarnation <= 1) return null;
  return (
    <span className="badge incarnation" title="Back from an RMA under this serial: evaluated afresh, earlier verdicts kept as history">
      incarnation {rack.incarnation}
    </span>
  );
}

/**
 * A serial's units over its RMAs: every incarnation (when it arrived, the RMA it came back under and
 * how), and the serial this unit was sent in place of, or the one sent in place of it.
 */
export function RackIncarnations({ rack }: { rack: RackDetail }) {
  if (rack.incarnations.length <= 1 && !rack.replacesSerial && !rack.replacedBy) return null;
  return (
    <section className="card" aria-labelledby="incarnations-title">
      <h2 id="incarnations-title">Incarnations</h2>
      {rack.replacesSerial && (
        <p>
          Replaces <Link to={rackPath(rack.replacesSerial)}>{rack.replacesSerial}</Link>, sent in its place under an RMA.
        </p>
      )}
      {rack.replacedBy && (
        <p>
          Replaced by <Link to={rackPath(rack.replacedBy)}>{rack.replacedBy}</Link>, sent in its place under an RMA.
        </p>
      )}
      {rack.incarnations.length > 1 && <IncarnationsTable rack={rack} />}
    </section>
  );
}

function IncarnationsTable({ rack }: { rack: RackDetail }) {
  // The incarnations name their RMA by number; the rack's RMAs give the page to link to.
  const rmas = useAsync(
    () => intakeApi.rmas({ serial: rack.serial, limit: 100 }).then((page) => page.items),
    [rack.serial, rack.incarnation],
  );
  const rmaIdOf = (rmaNumber: string) => rmas.data?.find((rma) => rma.rmaNumber === rmaNumber)?.id;
  return (
    <DataTable label="Incarnations" columns={['Incarnation', 'Since', 'RMA', 'How it came back']}>
      {rack.incarnations.map((incarnation) => {
        const rmaId = incarnation.rmaNumber ? rmaIdOf(incarnation.rmaNumber) : undefined;
        return (
          <tr key={incarnation.incarnation}>
            <th scope="row">
              {incarnation.incarnation}
              {incarnation.incarnation === rack.incarnation && <span className="muted"> (now)</span>}
            </th>
            <td>{formatDateTime(incarnation.since)}</td>
            <td>
              {!incarnation.rmaNumber ? (
                <span className="muted">as first delivered</span>
              ) : rmaId ? (
                <Link to={`/rmas/${rmaId}`}>{incarnation.rmaNumber}</Link>
              ) : (
                incarnation.rmaNumber
              )}
            </td>
            <td>{incarnation.kind ? RETURN_KIND_LABELS[incarnation.kind] : '—'}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
