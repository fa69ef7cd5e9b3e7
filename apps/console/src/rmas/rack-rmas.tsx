import { useState } from 'react';
import { Link } from 'react-router-dom';
import { intakeApi, type RackDetail, type RmaDetail } from '../api';
import { useSession } from '../auth/auth-context';
import { canManageRmas } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { findingsApi } from '../findings/findings-api';
import { STATE_LABELS as FINDING_STATE_LABELS } from '../findings/finding-words';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';
import { ACTIVE_RMA_STATES, parseIdList, RMA_STATE_LABELS } from './rma-words';

/**
 * A rack's RMAs on its page: a line linking to each RMA it is on, and for intake and admin, while the
 * rack awaits return and is on no open or shipped RMA, the form that opens one for it.
 */
export function RackRmas({ rack }: { rack: RackDetail }) {
  const session = useSession();
  // Read again when the rack moves (shipping makes it RETURNED_FOR_RMA).
  const rmas = useAsync(() => intakeApi.rmas({ serial: rack.serial, limit: 50 }).then((page) => page.items), [rack.serial, rack.state]);
  const onActive = rmas.data?.some((rma) => ACTIVE_RMA_STATES.has(rma.state));
  const offerForm = canManageRmas(session) && rack.state === 'AWAITING_RETURN' && rmas.data !== undefined && !onActive;
  if (!rmas.data?.length && !offerForm && !rmas.error) return null;
  return (
    <section className="card" aria-labelledby="rack-rmas-title">
      <h2 id="rack-rmas-title">RMA</h2>
      <ErrorMessage error={rmas.error} title="The rack's RMAs could not be loaded" />
      {!!rmas.data?.length && (
        <ul aria-label="RMAs of this rack">
          {rmas.data.map((rma) => (
            <li key={rma.id}>
              On RMA <Link to={`/rmas/${rma.id}`}>{rma.rmaNumber}</Link> ({RMA_STATE_LABELS[rma.state].toLowerCase()})
            </li>
          ))}
        </ul>
      )}
      {offerForm && <OpenRmaForm rack={rack} onOpened={() => rmas.reload()} />}
    </section>
  );
}

/** Opens an RMA for this rack: the manufacturer's number, the findings it reports, notes. */
export function OpenRmaForm({ rack, onOpened }: { rack: RackDetail; onOpened(rma: RmaDetail): void }) {
  const findings = useAsync(() => findingsApi.list({ rack: rack.serial }).then((page) => page.items), [rack.serial]);
  const [rmaNumber, setRmaNumber] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const [typedIds, setTypedIds] = useState('');
  const [notes, setNotes] = useState('');
  const [opened, setOpened] = useState<RmaDetail>();
  // The rack's findings to tick when they could be read; otherwise ids typed as a list.
  const choose = !!findings.data?.length;
  const { busy, error, submit } = useSubmit(async () => {
    const rma = await intakeApi.openRma(
      {
        rmaNumber: rmaNumber.trim(),
        serials: [rack.serial],
        findingIds: choose ? picked : parseIdList(typedIds),
        notes: notes.trim() || undefined,
      },
      crypto.randomUUID(),
    );
    setOpened(rma);
    onOpened(rma);
  }, rmaNumber.trim());

  if (opened)
    return (
      <p role="status">
        RMA <Link to={`/rmas/${opened.id}`}>{opened.rmaNumber}</Link> opened for {rack.serial}.
      </p>
    );
  return (
    <form onSubmit={submit} className="stack" aria-label="Open an RMA">
      <h3>Open an RMA</h3>
      <span className="field">
        <label htmlFor="rma-number">RMA number</label>
        <input id="rma-number" value={rmaNumber} onChange={(e) => setRmaNumber(e.target.value)} placeholder="RMA-2026-0042" required />
      </span>
      {choose ? (
        <fieldset>
          <legend>Findings it reports</legend>
          {findings.data!.map((finding) => (
            <label key={finding.id} className="checkbox">
              <input
                type="checkbox"
                checked={picked.includes(finding.id)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, finding.id] : picked.filter((id) => id !== finding.id))}
              />
              {finding.title} ({FINDING_STATE_LABELS[finding.state]})
            </label>
          ))}
        </fieldset>
      ) : findings.loading ? (
        <p className="muted">Reading the rack's findings…</p>
      ) : (
        <span className="field">
          <label htmlFor="rma-finding-ids">Finding ids (optional; separated by commas or spaces)</label>
          <input id="rma-finding-ids" size={60} value={typedIds} onChange={(e) => setTypedIds(e.target.value)} />
        </span>
      )}
      <span className="field">
        <label htmlFor="rma-notes">Notes (optional)</label>
        <textarea id="rma-notes" value={notes} onChange={(e) => setNotes(e.target.value)} />
      </span>
      <button type="submit" className="primary" disabled={busy || !rmaNumber.trim()}>
        Open an RMA
      </button>
      <ErrorMessage error={error} title="The RMA was not opened" />
    </form>
  );
}
