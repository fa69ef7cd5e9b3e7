import { Link, useParams } from 'react-router-dom';
import { isNotFound, resultsApi, testRunApi, type Criterion, type MetricSeries } from '../api';
import { useSession } from '../auth/auth-context';
import { canRecordResults, canScheduleRuns } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { useLiveEvents } from '../live/live-context';
import { useLiveRun } from '../live/use-live-run';
import { affects, humanise } from '../live/refresh-rules';
import { CHART_BUCKETS, SeriesChart } from '../results/series-chart';
import { OcptvUpload } from '../results/ocptv-upload';
import { ResultEntryForm } from '../results/result-entry-form';
import { VerdictTable } from '../results/verdict-table';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { useEffect, useState } from 'react';
import { AbortRunForm } from './abort-run-form';
import { MeasurementCorrectionForm } from './measurement-correction-form';
import { RunArtifacts } from './run-artifacts';
import { VerdictSoFar } from './verdict-so-far';

/** How often a running run's artifacts (logs, diagnoses) are read again; its charts and verdict so far arrive over the live stream. */
const ARTIFACTS_REFRESH_MS = 2000;

/** One run: its state, result entry (typed or OCPTV), charts against targets and the verdict. */
export function RunPage() {
  const runId = useParams().runId!;
  const session = useSession();
  const run = useAsync(() => testRunApi.run(runId), [runId]);
  const generation = run.data?.generation;
  const criteria = useAsync(() => (generation ? resultsApi.criteria(generation) : Promise.resolve(undefined)), [generation]);
  const metrics = run.data?.metrics.join('\n') ?? '';
  // Every metric of the run downsampled on the server: a run of millions of samples draws as quickly as one of ten.
  const measurements = useAsync(
    async () =>
      new Map<string, MetricSeries>(
        await Promise.all(
          metrics
            .split('\n')
            .filter(Boolean)
            .map(async (m) => [m, await resultsApi.series(runId, m, CHART_BUCKETS)] as const),
        ),
      ),
    [runId, metrics],
  );
  const verdict = useAsync(() => resultsApi.verdict(runId), [runId]);
  const [artifactsVersion, setArtifactsVersion] = useState(0);

  useLiveEvents((event) => {
    if (!run.data || !affects(event, 'rack', run.data.rackSerial)) return;
    run.reload();
    verdict.reload();
    measurements.reload();
    setArtifactsVersion((v) => v + 1);
  });

  // While a harness streams, the charts and the verdict so far follow it over the run's live stream
  // (at most four redraws a second); after a drop one read fills the gap; its end brings the final verdict.
  const running = run.data?.state === 'RUNNING';
  const live = useLiveRun(runId, running, {
    buckets: CHART_BUCKETS,
    onReconnected: () => measurements.reload(),
    onEnded: () => {
      run.reload();
      verdict.reload();
      measurements.reload();
      setArtifactsVersion((v) => v + 1);
    },
  });
  const progress = running ? live.progress : undefined;
  useEffect(() => {
    if (!running) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') setArtifactsVersion((v) => v + 1);
    }, ARTIFACTS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [running]);
  /** The fuller of the live and the fetched series (a read after a reconnection may be ahead of the stream). */
  const seriesOf = (metric: string): MetricSeries | undefined => {
    const streamed = progress?.series.find((s) => s.metric === metric);
    const fetched = measurements.data?.get(metric);
    return !fetched || (streamed && streamed.samples >= fetched.samples) ? (streamed ?? fetched) : fetched;
  };

  if (run.error) return <ErrorMessage error={run.error} title="Run" />;
  if (!run.data) return <p aria-busy="true">Loading run…</p>;
  const r = run.data;
  // Only the metrics this run reports: the criteria of other suites do not apply here.
  const relevant: Criterion[] = (criteria.data?.criteria ?? []).filter((c) => r.metrics.includes(c.metric));
  const open = r.state === 'RUNNING';
  const refresh = () => {
    measurements.reload();
    verdict.reload();
    setArtifactsVersion((v) => v + 1);
  };

  return (
    <article aria-labelledby="run-title">
      <p>
        <Link to={`/racks/${encodeURIComponent(r.rackSerial)}`}>← Rack {r.rackSerial}</Link>
      </p>
      <h1 id="run-title">
        {r.suiteName || r.suite}, attempt {r.attempt} of {r.maxAttempts}{' '}
        {r.incarnation > 1 && (
          <>
            <span className="badge incarnation" title="The unit back from an RMA under this serial: its attempts count from 1 again">
              incarnation {r.incarnation}
            </span>{' '}
          </>
        )}
        <span className={`badge run-${r.state.toLowerCase()}`}>{humanise(r.state)}</span>
      </h1>
      <p className="muted">
        Rack {r.rackSerial} ({r.generation}) in bay {r.bay} at {r.site}; scheduled {formatDateTime(r.scheduledAt)} by {r.scheduledBy}
        {r.startedAt ? `; started ${formatDateTime(r.startedAt)}` : ''}
        {r.completedAt ? `; completed ${formatDateTime(r.completedAt)}` : ''}
      </p>
      {r.abortedAt && (
        <p className="warn">
          Aborted {formatDateTime(r.abortedAt)} by {r.abortedBy}
          {r.abortCause ? ` (cause ${humanise(r.abortCause)})` : ''}: “{r.abortReason}”.{' '}
          {r.attemptConsumed ? 'This used up the attempt.' : 'The attempt is kept for a new run.'}
        </p>
      )}
      {canScheduleRuns(session) && (r.state === 'SCHEDULED' || r.state === 'RUNNING') && (
        <details className="card">
          <summary>Abort this run</summary>
          <AbortRunForm run={r} onAborted={() => run.reload()} />
        </details>
      )}
      {canRecordResults(session) && (
        <div className="two-columns">
          <section className="card">
            {!open && <p className="muted">Results are recorded while the run is running.</p>}
            <ErrorMessage error={criteria.error} title="Criteria" />
            <ResultEntryForm runId={r.id} criteria={relevant} disabled={!open} onRecorded={refresh} />
          </section>
          <section className="card">
            <OcptvUpload runId={r.id} disabled={!open} onUploaded={refresh} />
          </section>
        </div>
      )}
      {canRecordResults(session) && (open || r.state === 'COMPLETED') && r.metrics.length > 0 && (
        <details className="card">
          <summary>Correct a measurement</summary>
          <MeasurementCorrectionForm run={r} criteria={relevant} onCorrected={refresh} />
        </details>
      )}
      <section className="card" aria-labelledby="verdict-title">
        <h2 id="verdict-title">Verdict</h2>
        {progress ? (
          <VerdictSoFar progress={progress} status={live.status} />
        ) : verdict.data ? (
          <VerdictTable verdict={verdict.data} />
        ) : isNotFound(verdict.error) ? (
          <p className="muted">No verdict yet: the run is judged when it completes.</p>
        ) : (
          <ErrorMessage error={verdict.error} title="Verdict" />
        )}
      </section>
      <section className="card" aria-labelledby="charts-title">
        <h2 id="charts-title">Measurements against targets</h2>
        <ErrorMessage error={measurements.error} title="Measurements" />
        {relevant.length === 0 && <p className="muted">No criteria to chart.</p>}
        <div className="charts">
          {relevant.map((criterion) => (
            <SeriesChart key={criterion.metric} criterion={criterion} series={seriesOf(criterion.metric)} />
          ))}
        </div>
      </section>
      <RunArtifacts runId={r.id} version={artifactsVersion} />
    </article>
  );
}
