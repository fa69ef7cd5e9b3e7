import { useState } from 'react';
import { intakeApi, resultsApi, type ResultsProgramme } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, num } from '../shared/data-table';
import { formatMoney, formatPct } from '../shared/format';
import { useAsync } from '../shared/use-async';
import { classLabel } from '../findings/finding-words';
import { classesInWords, lotFindings, openInWords, supplierFindings } from './finding-scorecards';
import { toNumber } from './programme-figures';
import { ShareBar } from './small-charts';

const LOTS_SHOWN = 15;

/**
 * Suppliers and manufacturing lots across generations: evaluation failure rate and domestic share, worst first, and,
 * once results' programme figures are in (`results`), their findings: how many are open and by failure class.
 */
export function ScorecardsSection({ results }: { results?: ResultsProgramme }) {
  const suppliers = useAsync(() => intakeApi.supplierScorecard(), []);
  const lots = useAsync(() => intakeApi.lotScorecard(), []);
  const components = useAsync(() => resultsApi.componentFailures(), []);
  const [allLots, setAllLots] = useState(false);
  const shownLots = allLots ? (lots.data?.lots ?? []) : (lots.data?.lots ?? []).slice(0, LOTS_SHOWN);
  return (
    <section aria-labelledby="scorecards-title" className="stack scorecards">
      <h2 id="scorecards-title">Supplier and lot scorecards</h2>
      <p className="muted">
        Failure rate: racks whose latest evaluation verdict failed, of those concluded. Domestic share: US-origin cost share.
        {results && ' Open findings: findings not verified or closed, of all findings (a supplier counts those triaged on its BOM lines).'}
      </p>
      <ErrorMessage error={suppliers.error} title="Supplier scorecard" />
      {suppliers.data && (
        <DataTable
          caption="Suppliers (racks carrying their parts)"
          columns={[
            'Supplier',
            num('Racks'),
            num('Concluded'),
            'Failure rate',
            'Domestic share',
            num('Cost'),
            'Per generation (failure rate)',
            !!results && num('Open findings'),
            !!results && 'Findings by class',
          ]}
        >
          {suppliers.data.suppliers.map((s) => (
            <tr key={`${s.supplier}-${s.currency}`}>
              <th scope="row">{s.supplier}</th>
              <td className="num">{s.racks}</td>
              <td className="num">{s.concluded}</td>
              <td>
                {formatPct(s.failureRatePct)}{' '}
                <ShareBar pct={toNumber(s.failureRatePct)} label={`${s.supplier} failure rate ${s.failureRatePct ?? 'none'} %`} />
              </td>
              <td>
                {formatPct(s.domesticSharePct)}{' '}
                <ShareBar pct={toNumber(s.domesticSharePct)} label={`${s.supplier} domestic share ${s.domesticSharePct ?? 'none'} %`} />
              </td>
              <td className="num">{formatMoney(s.cost, s.currency)}</td>
              <td>{s.byGeneration.map((g) => `${g.generation} ${formatPct(g.failureRatePct)}`).join(' · ')}</td>
              {results && <FindingCells tally={supplierFindings(results, s.supplier)} />}
            </tr>
          ))}
        </DataTable>
      )}
      <ErrorMessage error={lots.error} title="Lot scorecard" />
      {lots.data && (
        <DataTable
          caption="Manufacturing lots, worst first"
          columns={[
            'Lot',
            'Generation',
            num('Racks'),
            num('Concluded'),
            'Failure rate',
            'Mean domestic content',
            !!results && num('Open findings'),
            !!results && 'Findings by class',
          ]}
        >
          {shownLots.map((l) => (
            <tr key={`${l.generation}-${l.lot}`}>
              <th scope="row">{l.lot}</th>
              <td>{l.generation}</td>
              <td className="num">{l.racks}</td>
              <td className="num">{l.concluded}</td>
              <td>
                {formatPct(l.failureRatePct)}{' '}
                <ShareBar pct={toNumber(l.failureRatePct)} label={`${l.lot} failure rate ${l.failureRatePct ?? 'none'} %`} />
              </td>
              <td
                className={
                  l.meanDomesticContentPct !== null && Number(l.meanDomesticContentPct) >= Number(l.domesticContentTargetPct)
                    ? 'ok'
                    : 'warn'
                }
              >
                {formatPct(l.meanDomesticContentPct)} (target {formatPct(l.domesticContentTargetPct)})
              </td>
              {results && <FindingCells tally={lotFindings(results, l.generation, l.lot)} />}
            </tr>
          ))}
        </DataTable>
      )}
      {lots.data && lots.data.lots.length > LOTS_SHOWN && (
        <button type="button" onClick={() => setAllLots(!allLots)}>
          {allLots ? `Show the ${LOTS_SHOWN} worst` : `Show all ${lots.data.lots.length} lots`}
        </button>
      )}
      <ErrorMessage error={components.error} title="Component failures" />
      {components.data && components.data.components.length > 0 && (
        <DataTable
          caption="Components measured out of target in failed runs"
          columns={['Generation', 'Component', 'Metric', num('Failed runs')]}
        >
          {components.data.components.map((c) => (
            <tr key={`${c.generation}-${c.component}-${c.metric}`}>
              <td>{c.generation}</td>
              <th scope="row">{c.component}</th>
              <td>{c.metric}</td>
              <td className="num">{c.runs}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function FindingCells({ tally }: { tally: ReturnType<typeof supplierFindings> }) {
  return (
    <>
      <td className="num">{openInWords(tally)}</td>
      <td>{classesInWords(tally, classLabel)}</td>
    </>
  );
}
