import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { intakeApi, type RmaDetail } from '../api';
import { useSession } from '../auth/auth-context';
import { canAttachIntakeFiles, canManageRmas } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { humanise } from '../live/refresh-rules';
import { AttachmentsSection } from '../shared/attachments-section';
import { DataTable } from '../shared/data-table';
import { formatDateTime } from '../shared/format';
import { StateTimeline } from '../shared/state-timeline';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { ReceiveUnitsForm } from './receive-units-form';
import { localToUtcIso, nowAsLocalInput, RETURN_KIND_LABELS, RMA_STATE_LABELS } from './rma-words';

/**
 * One RMA: its number and state, the racks sent back as they are now (and how each came back), the
 * findings it reports, its files (packing list, photos), its history; intake and admin ship or cancel an open one and receive a shipped one's units back.
 */
export function RmaPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const rma = useAsync(() => intakeApi.rma(id), [id]);
  if (rma.error) return <ErrorMessage error={rma.error} title="RMA" />;
  if (!rma.data) return <p aria-busy="true">Loading the RMA…</p>;
  const r = rma.data;
  const replace = (next: RmaDetail) => rma.setData(() => next);
  return (
    <article aria-labelledby="rma-title">
      <p>
        <Link to="/rmas">← RMAs</Link>
      </p>
      <div className="page-head">
        <h1 id="rma-title">
          RMA {r.rmaNumber} <span className={`badge rma-${r.state.toLowerCase()}`}>{RMA_STATE_LABELS[r.state]}</span>
        </h1>
      </div>
      <dl className="facts">
        <dt>State</dt>
        <dd>{RMA_STATE_LABELS[r.state]}</dd>
        <dt>Opened</dt>
        <dd>
          {formatDateTime(r.createdAt)} by {r.createdBy}
        </dd>
        {r.shippedAt && (
          <>
            <dt>Shipped</dt>
            <dd>
              {formatDateTime(r.shippedAt)}
              {r.shippedBy ? ` (recorded by ${r.shippedBy})` : ''}
            </dd>
          </>
        )}
        {r.receivedAt && (
          <>
            <dt>Received</dt>
            <dd>
              {formatDateTime(r.receivedAt)}
              {r.receivedBy ? ` (recorded by ${r.receivedBy})` : ''}
            </dd>
          </>
        )}
        {r.cancelledAt && (
          <>
            <dt>Cancelled</dt>
            <dd>
              {formatDateTime(r.cancelledAt)} by {r.cancelledBy}: {r.cancelReason}
            </dd>
          </>
        )}
        <dt>Notes</dt>
        <dd>{r.notes || '—'}</dd>
      </dl>
      {canManageRmas(session) && r.state === 'OPEN' && (
        <section className="card" aria-label="Ship or cancel">
          <ShipRmaForm rma={r} onChanged={replace} />
          <CancelRmaForm rma={r} onChanged={replace} />
        </section>
      )}
      {canManageRmas(session) && r.state === 'SHIPPED' && (
        <section className="card" aria-label="Receive">
          <ReceiveUnitsForm key={r.version} rma={r} onChanged={replace} />
        </section>
      )}
      <section className="card" aria-labelledby="units-title">
        <h2 id="units-title">Units</h2>
        <UnitsTable rma={r} />
      </section>
      <section className="card" aria-labelledby="rma-findings-title">
        <h2 id="rma-findings-title">Findings reported</h2>
        {r.findingIds.length === 0 ? (
          <p className="muted">No findings named.</p>
        ) : (
          <ul aria-label="Findings reported">
            {r.findingIds.map((findingId) => (
              <li key={findingId}>
                <Link to={`/findings/${findingId}`}>{findingId}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <AttachmentsSection
        className="card"
        title="Files"
        label="RMA files"
        attachments={r.attachments}
        download={intakeApi.downloadAttachment}
        uploadPath={(filename) => intakeApi.rmaAttachmentPath(r.id, filename)}
        canAttach={canAttachIntakeFiles(session)}
        onAttached={() => rma.reload()}
        inputLabel="Attach a file (packing list, photo, the manufacturer's papers)"
        emptyText="No packing list or photos attached."
      />
      <section className="card" aria-labelledby="rma-history-title">
        <h2 id="rma-history-title">History</h2>
        <StateTimeline history={r.history} words={(state) => RMA_STATE_LABELS[state]} label="History" />
      </section>
    </article>
  );
}

/** The racks on the RMA as they are now; once any came back, when, how, its replacement and the incarnation it came back as. */
function UnitsTable({ rma }: { rma: RmaDetail }) {
  const returns = rma.units.some((unit) => unit.receivedAt);
  const replacements = rma.units.some((unit) => unit.replacementSerial);
  const incarnations = rma.units.some((unit) => unit.incarnation !== null);
  const notes = rma.units.some((unit) => unit.note);
  return (
    <DataTable
      label="Units"
      columns={[
        'Rack',
        'Generation',
        'Lot',
        'State now',
        returns && 'Received',
        returns && 'How',
        replacements && 'Replacement',
        incarnations && 'Incarnation',
        notes && 'Note',
      ]}
    >
      {rma.units.map((unit) => (
        <tr key={unit.serial}>
          <th scope="row">
            <Link to={`/racks/${encodeURIComponent(unit.serial)}`}>{unit.serial}</Link>
          </th>
          <td>{unit.generation}</td>
          <td>{unit.lot}</td>
          <td>
            <span className={`badge state-${unit.state.toLowerCase()}`}>{humanise(unit.state)}</span>
          </td>
          {returns && <td>{unit.receivedAt ? formatDateTime(unit.receivedAt) : <span className="muted">not yet</span>}</td>}
          {returns && <td>{unit.kind ? RETURN_KIND_LABELS[unit.kind] : '—'}</td>}
          {replacements && (
            <td>
              {unit.replacementSerial ? (
                <Link to={`/racks/${encodeURIComponent(unit.replacementSerial)}`}>{unit.replacementSerial}</Link>
              ) : (
                '—'
              )}
            </td>
          )}
          {incarnations && <td>{unit.incarnation ?? '—'}</td>}
          {notes && <td>{unit.note ?? ''}</td>}
        </tr>
      ))}
    </DataTable>
  );
}

/** When the units left, in the reader's local time (now by default), sent as UTC. */
function ShipRmaForm({ rma, onChanged }: { rma: RmaDetail; onChanged(next: RmaDetail): void }) {
  const [shippedAt, setShippedAt] = useState(nowAsLocalInput);
  const utc = localToUtcIso(shippedAt);
  const { busy, error, submit } = useSubmit(async () => onChanged(await intakeApi.shipRma(rma.id, utc, crypto.randomUUID())), utc);
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Mark shipped">
      <h3>Mark shipped</h3>
      <p className="muted">Each rack on this RMA becomes returned for RMA.</p>
      <span className="field">
        <label htmlFor="rma-shipped-at">Shipped at (your local time)</label>
        <input id="rma-shipped-at" type="datetime-local" value={shippedAt} onChange={(e) => setShippedAt(e.target.value)} required />
      </span>
      <button type="submit" className="primary" disabled={busy || !utc}>
        Mark shipped
      </button>
      <ErrorMessage error={error} title="The RMA was not shipped" />
    </form>
  );
}

function CancelRmaForm({ rma, onChanged }: { rma: RmaDetail; onChanged(next: RmaDetail): void }) {
  const [reason, setReason] = useState('');
  const { busy, error, submit } = useSubmit(
    async () => onChanged(await intakeApi.cancelRma(rma.id, reason.trim(), crypto.randomUUID())),
    reason.trim(),
  );
  return (
    <form onSubmit={submit} className="inline-form" aria-label="Cancel the RMA">
      <h3>Cancel</h3>
      <p className="muted">Its racks still await return and may go on another RMA.</p>
      <span className="field">
        <label htmlFor="rma-cancel-reason">Reason</label>
        <input id="rma-cancel-reason" size={50} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </span>
      <button type="submit" className="danger" disabled={busy || !reason.trim()}>
        Cancel the RMA
      </button>
      <ErrorMessage error={error} title="The RMA was not cancelled" />
    </form>
  );
}
