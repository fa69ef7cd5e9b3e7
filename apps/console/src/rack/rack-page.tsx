import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHead } from '../shared/page-head';
import { intakeApi, resultsApi, testRunApi } from '../api';
import { useSession } from '../auth/auth-context';
import { canHoldRacks, canInspect, canScheduleRuns } from '../auth/roles';
import { ErrorMessage } from '../errors/error-message';
import { InspectionForm } from '../intake/inspection-form';
import { RETURNABLE, ReturnRackForm } from '../intake/return-rack-form';
import { useLiveEvents } from '../live/live-context';
import { affects, humanise } from '../live/refresh-rules';
import { EvaluationPanel } from '../results/evaluation-panel';
import { EvaluationHistory } from '../results/evaluation-history';
import { ReopenEvaluationForm } from '../results/reopen-evaluation-form';
import { RackRmas } from '../rmas/rack-rmas';
import { RunsTable } from '../runs/runs-table';
import { ScheduleRunForm } from '../runs/schedule-run-form';
import { formatDateTime, formatMoney } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { BomTable } from './bom-table';
import { DomesticContentMeter } from './domestic-content-meter';
import { IncarnationBadge, RackIncarnations } from './rack-incarnations';
import { CORRECTABLE_CLOSED, RackCorrectionForm } from './rack-correction-form';
import { RackCorrections } from './rack-corrections';
import { RackInspections } from './rack-inspections';
import { RackTimeline } from './rack-timeline';
import { RackWaysOut } from './rack-ways-out';

const INSPECTABLE = new Set(['RECEIVED', 'QUARANTINED']);
const SCHEDULABLE = new Set(['RELEASED_FOR_EVALUATION', 'IN_EVALUATION']);

/** Everything known about one rack: state (and incarnation), timeline, BOM, domestic content, RMAs, runs and evaluation. */
export function RackPage() {
  const serial = useParams().serial!;
  const session = useSession();
  const rack = useAsync(() => intakeApi.rack(serial), [serial]);
  const runs = useAsync(() => testRunApi.runs({ rack: serial }).then((page) => page.items), [serial]);
  const evaluation = useAsync(() => resultsApi.evaluation(serial), [serial]);
  const corrections = useAsync(() => intakeApi.rackCorrections(serial).then((page) => page.items), [serial]);
  const isAdmin = !!session?.roles.includes('admin');
  const canCorrect = !!session?.roles.some((role) => role === 'intake' || role === 'admin');
  const [baysVersion, setBaysVersion] = useState(0);

  const refreshAll = () => {
    rack.reload();
    runs.reload();
    evaluation.reload();
    corrections.reload();
  };
  useLiveEvents((event) => {
    if (affects(event, 'bays')) setBaysVersion((v) => v + 1);
    if (affects(event, 'rack', serial)) refreshAll();
  });

  if (rack.error) return <ErrorMessage error={rack.error} title={`Rack ${serial}`} />;
  if (!rack.data) return <p aria-busy="true">Loading rack {serial}…</p>;
  const r = rack.data;
  return (
    <article aria-labelledby="rack-title">
      <PageHead
        back={{ to: '/racks', label: 'Rack board' }}
        titleId="rack-title"
        title={
          <>
            Rack {r.serial} <span className={`badge state-${r.state.toLowerCase()}`}>{humanise(r.state)}</span>
            <IncarnationBadge rack={r} />
          </>
        }
      />
      <dl className="facts">
        <dt>Generation</dt>
        <dd>{r.generation}</dd>
        <dt>Lot</dt>
        <dd>{r.lot}</dd>
        <dt>Site</dt>
        <dd>{r.site}</dd>
        <dt>Delivery</dt>
        <dd>
          <Link to={`/deliveries/${encodeURIComponent(r.deliveryReference)}`}>{r.deliveryReference}</Link>
        </dd>
        <dt>Received</dt>
        <dd>{formatDateTime(r.receivedAt)}</dd>
        <dt>BOM cost</dt>
        <dd>{formatMoney(r.bomCost, r.bomCurrency)}</dd>
      </dl>
      <div className="two-columns">
        <section className="card" aria-labelledby="domestic-title">
          <h2 id="domestic-title">Domestic content</h2>
          <DomesticContentMeter pct={r.domesticContentPct} targetPct={r.domesticContentTargetPct} met={r.meetsDomesticContentTarget} />
        </section>
        <section className="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <RackTimeline history={r.history} />
        </section>
      </div>
      {canInspect(session) && INSPECTABLE.has(r.state) && (
        <section className="card" aria-label="Inspection">
          <InspectionForm rack={r} onInspected={refreshAll} />
        </section>
      )}
      {canInspect(session) && RETURNABLE.has(r.state) && (
        <section className="card" aria-label="Return">
          <ReturnRackForm rack={r} onReturned={refreshAll} />
        </section>
      )}
      {canHoldRacks(session) && (
        <section className="card" aria-label="Hold or withdraw">
          <RackWaysOut rack={r} onChanged={refreshAll} />
        </section>
      )}
      <RackIncarnations rack={r} />
      <RackRmas rack={r} />
      <section className="card" aria-labelledby="runs-title">
        <h2 id="runs-title">Runs</h2>
        <ErrorMessage error={runs.error} title="Runs" />
        <RunsTable runs={runs.data ?? []} canOperate={canScheduleRuns(session)} onChanged={refreshAll} />
        {canScheduleRuns(session) && SCHEDULABLE.has(r.state) && (
          <ScheduleRunForm rack={r} runs={runs.data ?? []} baysVersion={baysVersion} onScheduled={refreshAll} />
        )}
      </section>
      <section className="card" aria-labelledby="evaluation-title">
        <h2 id="evaluation-title">Evaluation</h2>
        <EvaluationPanel evaluation={evaluation.data} error={evaluation.error} />
        {evaluation.data && <EvaluationHistory evaluation={evaluation.data} />}
        {isAdmin && evaluation.data?.status === 'CONCLUDED' && (
          <ReopenEvaluationForm evaluation={evaluation.data} onReopened={refreshAll} />
        )}
      </section>
      <RackInspections rack={r} onAttached={() => rack.reload()} />
      <section className="card" aria-labelledby="bom-title">
        <h2 id="bom-title">Bill of materials</h2>
        <BomTable bom={r.bom} />
        <RackCorrections corrections={corrections.data ?? []} />
        {canCorrect && !CORRECTABLE_CLOSED.has(r.state) && (
          <RackCorrectionForm key={`${r.lot}|${r.site}|${r.domesticContentPct}|${r.bom.length}`} rack={r} onCorrected={refreshAll} />
        )}
      </section>
    </article>
  );
}
