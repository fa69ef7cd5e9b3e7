import { useEffect, useState, type MouseEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Finding, FindingAttachment } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, num } from '../shared/data-table';
import { saveBlob } from '../shared/download';
import { useAsync } from '../shared/use-async';
import { findingsApi } from './findings-api';
import {
  groupForReport,
  readReportFindings,
  REPORT_LIMIT,
  reportCounts,
  reportFilename,
  reportFilePath,
  type ReportFilter,
} from './findings-report';
import { classLabel, STATE_LABELS } from './finding-words';

/** Attachment lists read at once: enough to be quick, few enough to leave the service room. */
const ATTACHMENT_READS = 4;

/** A finding's files: read, not readable, or not read yet. */
type Evidence = Record<string, FindingAttachment[] | 'failed'>;

/**
 * The manufacturer's findings report of a generation (?generation=, and ?lot=) as a printable page:
 * counts by state and class, then the findings grouped as similar ones, each with its evidence.
 * Print CSS leaves out the console around it and starts each group on a new page. At most `limit`
 * findings are read; the page says when there were more (the CSV and XLSX files hold them all).
 */
export function FindingsReportPage({ limit = REPORT_LIMIT }: { limit?: number }) {
  const [params] = useSearchParams();
  const filter: ReportFilter = { generation: params.get('generation') ?? '', lot: params.get('lot') || undefined };
  const boardPath = params.toString() ? `/findings?${params.toString()}` : '/findings';
  if (!filter.generation)
    return (
      <article aria-labelledby="report-title">
        <h1 id="report-title">Findings report</h1>
        <p role="alert">
          The report is of one generation: choose it on the <Link to={boardPath}>findings board</Link>.
        </p>
      </article>
    );
  return <Report key={`${filter.generation}|${filter.lot ?? ''}`} filter={filter} boardPath={boardPath} limit={limit} />;
}

function Report({ filter, boardPath, limit }: { filter: ReportFilter; boardPath: string; limit: number }) {
  const report = useAsync(() => readReportFindings(filter, limit), [filter.generation, filter.lot, limit]);
  const [printedAt] = useState(() => new Date().toISOString());
  const evidence = useEvidence(report.data?.findings);
  const [fileError, setFileError] = useState<unknown>();

  const download = (format: 'csv' | 'xlsx') => async (event: MouseEvent) => {
    // The file needs the bearer token, so the link is fetched here rather than followed.
    event.preventDefault();
    setFileError(undefined);
    try {
      saveBlob(await findingsApi.report(filter, format), reportFilename(filter, format));
    } catch (reason) {
      setFileError(reason);
    }
  };

  const findings = report.data?.findings ?? [];
  const counts = reportCounts(findings);
  const read = Object.keys(evidence).length;
  return (
    <article className="findings-report" aria-labelledby="report-title">
      <div className="page-head no-print">
        <Link to={boardPath}>← Findings board</Link>
        <span className="button-row">
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
          <a href={reportFilePath(filter, 'csv')} onClick={download('csv')}>
            Download CSV
          </a>
          <a href={reportFilePath(filter, 'xlsx')} onClick={download('xlsx')}>
            Download XLSX
          </a>
        </span>
      </div>
      <ErrorMessage error={fileError} title="The report file could not be downloaded" />
      <h1 id="report-title">
        Findings report: generation {filter.generation}
        {filter.lot ? `, lot ${filter.lot}` : ''}
      </h1>
      <dl className="memo-facts">
        <dt>Generation</dt>
        <dd>{filter.generation}</dd>
        <dt>Lot</dt>
        <dd>{filter.lot ?? 'all lots'}</dd>
        <dt>Printed (UTC)</dt>
        <dd>
          <time dateTime={printedAt}>{printedAt}</time>
        </dd>
        <dt>Findings</dt>
        <dd>{report.data ? findings.length : '…'}</dd>
      </dl>
      <ErrorMessage error={report.error} title="The findings could not be read" />
      {!report.data && !report.error && <p aria-busy="true">Reading the findings…</p>}
      {report.data?.truncated && (
        <p className="warn" role="note">
          Only the first {limit.toLocaleString('en')} findings are shown here; the CSV and XLSX files hold every finding of the report.
        </p>
      )}
      {report.data && findings.length === 0 && <p>No findings for this generation{filter.lot ? ' and lot' : ''}.</p>}
      {findings.length > 0 && (
        <>
          {read < findings.length && (
            <p className="muted no-print" role="status">
              Reading attachments: {read} of {findings.length} findings…
            </p>
          )}
          <div className="two-columns report-counts">
            <DataTable label="Findings by state" columns={['State', num('Findings')]}>
              {counts.states.map(({ state, count }) => (
                <tr key={state}>
                  <th scope="row">{STATE_LABELS[state]}</th>
                  <td className="num">{count}</td>
                </tr>
              ))}
            </DataTable>
            <DataTable label="Findings by class" columns={['Class', num('Findings')]}>
              {counts.classes.map(({ failureClass, count }) => (
                <tr key={failureClass ?? ''}>
                  <th scope="row">{classLabel(failureClass)}</th>
                  <td className="num">{count}</td>
                </tr>
              ))}
            </DataTable>
          </div>
          {groupForReport(findings).map((group, index) => (
            <section key={group.groupKey} className="report-group" aria-labelledby={`report-group-${index}`}>
              <h2 id={`report-group-${index}`}>
                {group.label} ({group.findings.length})
              </h2>
              <FindingsTable findings={group.findings} evidence={evidence} label={group.label} />
            </section>
          ))}
        </>
      )}
    </article>
  );
}

function FindingsTable({ findings, evidence, label }: { findings: Finding[]; evidence: Evidence; label: string }) {
  const withRma = findings.some((f) => f.rmaNumber);
  return (
    <DataTable
      label={label}
      className="report-table"
      columns={[
        'Finding',
        'Rack',
        'Lot',
        'Run',
        'Criterion or diagnosis',
        'Class',
        'State',
        'Suspected part',
        'Owner',
        withRma && 'RMA',
        'Attachments',
      ]}
    >
      {findings.map((f) => (
        <tr key={f.id}>
          <th scope="row">
            <Link to={`/findings/${f.id}`}>{f.title}</Link>
          </th>
          <td>
            <Link to={`/racks/${encodeURIComponent(f.rackSerial)}`}>{f.rackSerial}</Link>
          </td>
          <td>{f.lot ?? '—'}</td>
          <td>{f.runId ? <Link to={`/runs/${f.runId}`}>{f.runId.slice(0, 8)}</Link> : '—'}</td>
          <td>{f.criterion ?? f.diagnosis ?? '—'}</td>
          <td>{classLabel(f.failureClass)}</td>
          <td>{STATE_LABELS[f.state]}</td>
          <td>{f.component ? <SuspectedPart component={f.component} /> : '—'}</td>
          <td>{f.owner ?? '—'}</td>
          {withRma && <td>{f.rmaNumber ? f.rmaId ? <Link to={`/rmas/${f.rmaId}`}>{f.rmaNumber}</Link> : f.rmaNumber : '—'}</td>}
          <td>
            <Attachments finding={f} files={evidence[f.id]} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function SuspectedPart({ component }: { component: NonNullable<Finding['component']> }) {
  const origin = [component.supplier, component.countryOfOrigin].filter(Boolean).join(', ');
  return (
    <>
      {component.partNumber}
      {origin && <span className="muted"> ({origin})</span>}
    </>
  );
}

function Attachments({ finding, files }: { finding: Finding; files: FindingAttachment[] | 'failed' | undefined }) {
  const [error, setError] = useState<unknown>();
  if (files === undefined) return <span className="muted">…</span>;
  if (files === 'failed') return <span className="warn">could not be read</span>;
  if (files.length === 0) return <span className="muted">none</span>;
  const download = (file: FindingAttachment) => async (event: MouseEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      saveBlob(await findingsApi.download(finding.id, file.id), file.filename);
    } catch (reason) {
      setError(reason);
    }
  };
  return (
    <>
      <ul className="plain-list" aria-label={`Attachments of ${finding.title}`}>
        {files.map((file) => (
          <li key={file.id}>
            <a href={findingsApi.downloadPath(finding.id, file.id)} onClick={download(file)}>
              {file.filename}
            </a>
          </li>
        ))}
      </ul>
      <ErrorMessage error={error} title="Download failed" />
    </>
  );
}

/** Each finding's attachments, read a few at a time once the findings are known. */
function useEvidence(findings: Finding[] | undefined): Evidence {
  const [evidence, setEvidence] = useState<Evidence>({});
  useEffect(() => {
    setEvidence({});
    if (!findings?.length) return;
    let stopped = false;
    const queue = findings.map((f) => f.id);
    // Answers are shown in batches: one render per answer would redraw a 2,000-row report 2,000 times.
    let batch: Evidence = {};
    const flush = () => {
      const answers = batch;
      batch = {};
      if (!stopped && Object.keys(answers).length) setEvidence((current) => ({ ...current, ...answers }));
    };
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined && !stopped; id = queue.shift()) {
        const files = await findingsApi.attachments(id).catch(() => 'failed' as const);
        // Into the batch as it is now: another worker may have flushed it while this one waited.
        batch[id] = files;
        if (Object.keys(batch).length >= 25) flush();
      }
      flush();
    };
    for (let i = 0; i < ATTACHMENT_READS; i++) void worker();
    return () => {
      stopped = true;
    };
  }, [findings]);
  return evidence;
}
