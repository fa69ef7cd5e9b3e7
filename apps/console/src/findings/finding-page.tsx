import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, resultsApi, type FindingDetail } from '../api';
import { useSession } from '../auth/auth-context';
import { hasRole } from '../auth/roles';
import { AttachmentsSection } from '../shared/attachments-section';
import { useAsync } from '../shared/use-async';
import { findingsApi, type NoteAction } from './findings-api';
import { ACTION_LABELS, classLabel, STATE_LABELS } from './finding-words';

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : String((error as Error)?.message ?? error));

/** One finding: what failed, its classification and BOM line, its history, its evidence. */
export function FindingPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const canEdit = hasRole(session, 'test-engineer', 'admin');
  const finding = useAsync(() => Promise.all([findingsApi.get(id), findingsApi.classes()]), [id]);
  if (finding.error) return <p role="alert">Could not load the finding: {messageOf(finding.error)}</p>;
  if (!finding.data) return <p>Loading the finding…</p>;
  const [f, { classes }] = finding.data;
  const replace = (next: FindingDetail) => finding.setData((current) => current && [next, current[1]]);
  return (
    <article aria-labelledby="finding-title">
      <p>
        <Link to="/findings">Findings</Link>
      </p>
      <h1 id="finding-title">{f.title}</h1>
      <dl className="facts">
        <dt>State</dt>
        <dd>{STATE_LABELS[f.state]}</dd>
        <dt>Rack</dt>
        <dd>
          <Link to={`/racks/${f.rackSerial}`}>{f.rackSerial}</Link> ({f.generation}
          {f.lot ? `, lot ${f.lot}` : ''})
        </dd>
        {f.runId && (
          <>
            <dt>Run</dt>
            <dd>
              <Link to={`/runs/${f.runId}`}>{f.runId}</Link>
            </dd>
          </>
        )}
        <dt>{f.criterion ? 'Criterion' : 'Diagnosis'}</dt>
        <dd>{f.criterion ?? f.diagnosis ?? '—'}</dd>
        <dt>Failure class</dt>
        <dd>{classLabel(f.failureClass)}</dd>
        <dt>Suspected component</dt>
        <dd>
          {f.component
            ? [f.component.partNumber, f.component.supplier, f.component.countryOfOrigin, f.component.location].filter(Boolean).join(' · ')
            : 'not named yet'}
        </dd>
        <dt>Owner</dt>
        <dd>{f.owner ?? 'nobody yet'}</dd>
        {f.rmaId && (
          <>
            <dt>RMA</dt>
            <dd>
              <Link to={`/rmas/${f.rmaId}`}>{f.rmaNumber}</Link>
            </dd>
          </>
        )}
      </dl>
      {canEdit && <FindingActions finding={f} classes={classes} onChanged={replace} />}
      <AttachmentsSection
        attachments={f.attachments}
        download={(a) => findingsApi.download(f.id, a.id)}
        uploadPath={(filename) => findingsApi.attachmentPath(f.id, filename)}
        canAttach={canEdit}
        onAttached={() => finding.reload()}
      />
      {f.runId && (
        <AttachmentsSection
          title="Evidence from the run"
          attachments={f.runAttachments}
          download={(a) => resultsApi.runAttachment(a.subjectId, a.id)}
          emptyText="The run sent no files."
        />
      )}
      <h2>History</h2>
      <ol aria-label="History">
        {f.history.map((step, i) => (
          <li key={i}>
            <time dateTime={step.at}>{new Date(step.at).toISOString().replace('T', ' ').slice(0, 16)} UTC</time> {step.actor}: {step.action}
            {step.fromState !== step.toState ? ` → ${STATE_LABELS[step.toState]}` : ''}
            {step.note ? ` — ${step.note}` : ''}
          </li>
        ))}
      </ol>
    </article>
  );
}

function FindingActions({
  finding,
  classes,
  onChanged,
}: {
  finding: FindingDetail;
  classes: string[];
  onChanged: (f: FindingDetail) => void;
}) {
  const [failureClass, setFailureClass] = useState(finding.failureClass ?? '');
  const [partNumber, setPartNumber] = useState(finding.component?.partNumber ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const run = async (work: () => Promise<FindingDetail>) => {
    setError(undefined);
    try {
      onChanged(await work());
      setNote('');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const triage = (event: FormEvent) => {
    event.preventDefault();
    void run(() =>
      findingsApi.triage(finding.id, {
        failureClass,
        component: partNumber ? { partNumber } : undefined,
        note: note || undefined,
        expectedVersion: finding.version,
      }),
    );
  };
  const others = finding.actions.filter((a): a is NoteAction => a !== 'triage');
  return (
    <section aria-label="Actions">
      {finding.actions.includes('triage') && (
        <form onSubmit={triage} aria-label="Triage">
          <label>
            Failure class
            <select value={failureClass} onChange={(e) => setFailureClass(e.target.value)} required>
              <option value="">Choose…</option>
              {classes.map((c) => (
                <option key={c} value={c}>
                  {classLabel(c)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Part number (BOM line)
            <input value={partNumber} onChange={(e) => setPartNumber(e.target.value)} />
          </label>
          <button type="submit">{ACTION_LABELS.triage}</button>
        </form>
      )}
      <label>
        Note
        <textarea value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {others.map((action) => (
        <button
          key={action}
          type="button"
          onClick={() => void run(() => findingsApi.transition(finding.id, action, note, finding.version))}
        >
          {ACTION_LABELS[action]}
        </button>
      ))}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
