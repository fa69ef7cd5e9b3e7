import { Link, useParams } from 'react-router-dom';
import { intakeApi } from '../api';
import { useSession } from '../auth/auth-context';
import { canAttachIntakeFiles } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { AttachmentsSection } from '../shared/attachments-section';
import { DataTable, num } from '../shared/data-table';
import { PageHead } from '../shared/page-head';
import { formatDateTime, formatMoney, formatPct } from '../shared/format';
import { useAsync } from '../shared/use-async';

/** One delivery: where and when it arrived, who registered it, the racks it brought, and its files (photos on arrival, the carrier's papers). */
export function DeliveryDetailPage() {
  const { reference = '' } = useParams();
  const session = useSession();
  const delivery = useAsync(() => intakeApi.delivery(reference), [reference]);
  if (delivery.error) return <ErrorMessage error={delivery.error} title={`Delivery ${reference}`} />;
  if (!delivery.data) return <p aria-busy="true">Loading delivery {reference}…</p>;
  const d = delivery.data;
  return (
    <article aria-labelledby="delivery-title">
      <PageHead back={{ to: '/racks', label: 'Rack board' }} titleId="delivery-title" title={`Delivery ${d.reference}`} />
      <dl className="facts">
        <dt>Reference</dt>
        <dd>{d.reference}</dd>
        <dt>Site</dt>
        <dd>{d.site}</dd>
        <dt>Received</dt>
        <dd>{formatDateTime(d.receivedAt)}</dd>
        <dt>Registered</dt>
        <dd>
          {formatDateTime(d.registeredAt)} by {d.registeredBy}
        </dd>
      </dl>
      <section className="card" aria-labelledby="delivery-racks-title">
        <h2 id="delivery-racks-title">Racks</h2>
        {d.racks.length === 0 ? (
          <p className="muted">No racks on this delivery.</p>
        ) : (
          <DataTable label="Racks" columns={['Rack', 'Generation', 'Lot', num('BOM lines'), num('BOM cost'), num('Domestic content')]}>
            {d.racks.map((rack) => (
              <tr key={rack.serial}>
                <th scope="row">
                  <Link to={`/racks/${encodeURIComponent(rack.serial)}`}>{rack.serial}</Link>
                </th>
                <td>{rack.generation}</td>
                <td>{rack.lot}</td>
                <td className="num">{rack.bomLines}</td>
                <td className="num">{formatMoney(rack.bomCost, rack.bomCurrency)}</td>
                <td className="num">{formatPct(rack.domesticContentPct)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </section>
      <AttachmentsSection
        className="card"
        title="Files"
        label="Delivery files"
        attachments={d.attachments}
        download={intakeApi.downloadAttachment}
        uploadPath={(filename) => intakeApi.deliveryAttachmentPath(d.reference, filename)}
        canAttach={canAttachIntakeFiles(session)}
        onAttached={() => delivery.reload()}
        inputLabel="Attach a file (photo on arrival, the carrier's papers)"
        emptyText="No photos or papers attached."
      />
    </article>
  );
}
