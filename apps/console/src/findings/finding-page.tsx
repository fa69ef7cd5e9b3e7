import { FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, uploadWithProgress, type FindingAttachment, type FindingDetail } from '../api';
import { useSession } from '../auth/auth-context';
import { hasRole } from '../auth/roles';
import { saveBlob } from '../shared/download';
import { useAsync } from '../shared/use-async';
import { findingsApi, type NoteAction } from './findings-api';
import { ACTION_LABELS, classLabel, formatBytes, STATE_LABELS } from './finding-words';

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
      <Attachments finding={f} canAttach={canEdit} onAttached={() => finding.reload()} />
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

function Attachments({ finding, canAttach, onAttached }: { finding: FindingDetail; canAttach: boolean; onAttached: () => void }) {
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const upload = async (file: File) => {
    setError(undefined);
    setProgress(0);
    try {
      await uploadWithProgress(findingsApi.attachmentPath(finding.id, file.name), file, file.type || 'application/octet-stream', (p) =>
        setProgress(p.total ? Math.round((p.loaded / p.total) * 100) : 0),
      );
      onAttached();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setProgress(undefined);
    }
  };
  const download = async (a: FindingAttachment) => saveBlob(await findingsApi.download(finding.id, a.id), a.filename);
  return (
    <section aria-label="Evidence">
      <h2>Evidence</h2>
      {finding.attachments.length === 0 && <p>No files attached.</p>}
      <ul>
        {finding.attachments.map((a) => (
          <li key={a.id}>
            <button type="button" onClick={() => void download(a)}>
              {a.filename}
            </button>{' '}
            {a.mediaType}, {formatBytes(a.size)}, by {a.uploadedBy} <code title="SHA-256">{a.sha256.slice(0, 12)}…</code>
          </li>
        ))}
      </ul>
      {canAttach && (
        <label>
          Attach a file (log, image, PDF)
          <input type="file" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
        </label>
      )}
      {progress !== undefined && <progress aria-label="Upload progress" max={100} value={progress} />}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
