import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatMoney, formatNumber, formatPct } from '../shared/format';
import { bars, humanise, moneyInWords, originLines, toNumber, type GenerationColumn } from './programme-figures';
import { OriginFailureList } from './origin-failures';
import { BandPlot, BarList, ShareBar } from './small-charts';

const racksOf = (generation: string, state?: string) =>
  `/racks?generation=${encodeURIComponent(generation)}${state ? `&state=${state}` : ''}`;
const money = (amount: string, currency: string) => formatMoney(amount, currency);
const OPTION_TABS: Record<string, string> = { EXERCISABLE: 'exercisable', PENDING_APPROVAL: 'pending-approval' };
const optionsOf = (state?: string) => (state && OPTION_TABS[state] ? `/options?tab=${OPTION_TABS[state]}` : '/options');

function Section({ title, columns }: { title: string; columns: GenerationColumn[] }) {
  return (
    <tr className="section-row">
      <th scope="colgroup" colSpan={columns.length + 1}>
        {title}
      </th>
    </tr>
  );
}

function Row({ label, columns, cell }: { label: string; columns: GenerationColumn[]; cell: (column: GenerationColumn) => ReactNode }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      {columns.map((column) => (
        <td key={column.generation}>{cell(column) ?? <span className="muted">—</span>}</td>
      ))}
    </tr>
  );
}

const days = (median: number | null, p90: number | null) =>
  median === null ? null : `${formatNumber(median, 1)} d median · ${formatNumber(p90, 1)} d p90`;

export function IntakeRows({ columns }: { columns: GenerationColumn[] }) {
  return (
    <tbody>
      <Section title="Intake" columns={columns} />
      <Row
        label="Racks received"
        columns={columns}
        cell={({ generation, intake }) => intake && <Link to={racksOf(generation)}>{intake.racks}</Link>}
      />
      <Row
        label="Racks by state"
        columns={columns}
        cell={({ generation, intake }) =>
          intake && (
            <BarList
              title={`${generation} racks by state`}
              items={bars(intake.racksByState.map((s) => ({ key: s.state, count: s.count })))}
              href={(state) => racksOf(generation, state)}
            />
          )
        }
      />
      <Row label="Deliveries" columns={columns} cell={({ intake }) => intake?.deliveries} />
      <Row
        label="Domestic content"
        columns={columns}
        cell={({ generation, intake }) => {
          const d = intake?.domesticContent;
          if (!d || d.meanPct === null) return d && <span className="muted">target {formatPct(d.targetPct)}; no racks</span>;
          return (
            <div className="figure">
              <Link to={racksOf(generation)}>
                {formatPct(d.meanPct)} mean{d.stddevPct !== null && ` ± ${formatNumber(d.stddevPct)}`}
              </Link>
              <ShareBar
                pct={toNumber(d.meanPct)}
                targetPct={toNumber(d.targetPct)}
                label={`${generation} mean domestic content ${d.meanPct} % against target ${d.targetPct} %`}
              />
              <span className="muted">
                range {formatPct(d.minPct)}–{formatPct(d.maxPct)}; target {formatPct(d.targetPct)}, met by {d.meetingTarget} (
                {formatPct(d.meetingTargetPct)})
              </span>
            </div>
          );
        }}
      />
      <Row
        label="Delivery → release"
        columns={columns}
        cell={({ intake }) =>
          intake &&
          (days(intake.deliveryToRelease.medianDays, intake.deliveryToRelease.p90Days) ?? <span className="muted">none released</span>)
        }
      />
    </tbody>
  );
}

export function TestRows({ columns, windowDays }: { columns: GenerationColumn[]; windowDays: number | null }) {
  return (
    <tbody>
      <Section title="Evaluation runs" columns={columns} />
      <Row
        label="Runs by state"
        columns={columns}
        cell={({ generation, testRun }) =>
          testRun && (
            <BarList
              title={`${generation} runs by state`}
              items={bars(testRun.runsByState.map((s) => ({ key: s.state, count: s.count })))}
              href={() => racksOf(generation, 'IN_EVALUATION')}
            />
          )
        }
      />
      <Row
        label="Aborts by cause"
        columns={columns}
        cell={({ generation, testRun }) =>
          testRun && (
            <div className="figure">
              <BarList
                title={`${generation} aborts by cause`}
                items={bars(testRun.aborts.byCause.map((c) => ({ key: c.cause, count: c.count })))}
              />
              {testRun.aborts.total > 0 && <span className="muted">{testRun.aborts.attemptsUsed} used an attempt (DEVICE)</span>}
            </div>
          )
        }
      />
      <Row
        label={`Bay utilisation${windowDays ? `, last ${windowDays} days` : ''}`}
        columns={columns}
        cell={({ generation, testRun }) => {
          const u = testRun?.bayUtilisation;
          if (!u || u.heldPct === null) return null;
          return (
            <div className="figure">
              <span>
                {formatPct(u.heldPct)} held · {formatPct(u.runningPct)} running
              </span>
              <ShareBar pct={toNumber(u.heldPct)} label={`${generation} held ${u.heldPct} % of bay time`} />
              <span className="muted">{formatNumber(u.heldBayHours)} bay-hours</span>
            </div>
          );
        }}
      />
    </tbody>
  );
}

export function ResultsRows({ columns }: { columns: GenerationColumn[] }) {
  const metrics = [...new Set(columns.flatMap((c) => c.results?.criteria.map((k) => k.metric) ?? []))];
  return (
    <tbody>
      <Section title="Results" columns={columns} />
      <Row
        label="First-pass yield"
        columns={columns}
        cell={({ generation, results }) =>
          results &&
          results.firstPassYield.pct !== null && (
            <div className="figure">
              <Link to={`/compare/generations#generation-${generation}`}>{formatPct(results.firstPassYield.pct)}</Link>
              <ShareBar
                pct={toNumber(results.firstPassYield.pct)}
                label={`${generation} first-pass yield ${results.firstPassYield.pct} %`}
              />
              <span className="muted">
                {results.firstPassYield.firstPass} of {results.firstPassYield.concluded} passed with no failed run
              </span>
            </div>
          )
        }
      />
      <Row
        label="Evaluation pass rate"
        columns={columns}
        cell={({ generation, results }) =>
          results &&
          results.evaluations.passRatePct !== null && (
            <div className="figure">
              <Link to={racksOf(generation, 'EVALUATION_PASSED')}>{formatPct(results.evaluations.passRatePct)}</Link>
              <ShareBar
                pct={toNumber(results.evaluations.passRatePct)}
                label={`${generation} evaluation pass rate ${results.evaluations.passRatePct} %`}
              />
              <span className="muted">
                {results.evaluations.passed} passed,{' '}
                <Link to={racksOf(generation, 'EVALUATION_FAILED')}>{results.evaluations.failed} failed</Link>
              </span>
            </div>
          )
        }
      />
      <Row
        label="Failures by lot"
        columns={columns}
        cell={({ generation, results }) =>
          results && (
            <OriginFailureList
              title={`${generation} failures by lot`}
              noun="lots"
              {...originLines(
                results.failuresByLot.map(({ lot, ...f }) => ({ name: lot, ...f })),
                'unknown lot',
              )}
            />
          )
        }
      />
      <Row
        label="Failures by supplier"
        columns={columns}
        cell={({ generation, results }) =>
          results && (
            <OriginFailureList
              title={`${generation} failures by supplier`}
              noun="suppliers"
              {...originLines(
                results.failuresBySupplier.map(({ supplier, ...f }) => ({ name: supplier, ...f })),
                'unknown suppliers',
              )}
            />
          )
        }
      />
      {metrics.map((metric) => {
        const criteria = columns.flatMap((c) => c.results?.criteria.filter((k) => k.metric === metric) ?? []);
        const domain = criteria.flatMap((k) => [k.min, k.max, k.targetMin, k.targetMax]).filter((v): v is number => v !== null);
        return (
          <Row
            key={metric}
            label={metric}
            columns={columns}
            cell={({ generation, results }) => {
              const k = results?.criteria.find((c) => c.metric === metric);
              if (!k) return null;
              const band =
                k.comparator === 'gte'
                  ? `≥ ${formatNumber(k.targetMin)}`
                  : k.comparator === 'lte'
                    ? `≤ ${formatNumber(k.targetMax)}`
                    : `${formatNumber(k.targetMin)}–${formatNumber(k.targetMax)}`;
              return (
                <div className="figure">
                  <Link to={`/compare/generations#metric-${encodeURIComponent(metric)}`}>
                    {k.median === null ? 'not judged yet' : `${formatNumber(k.median)} ${k.unit} median`}
                  </Link>
                  <BandPlot
                    label={`${generation} ${metric} p10 ${k.p10} median ${k.median} p90 ${k.p90} against ${band}`}
                    {...k}
                    low={k.targetMin}
                    high={k.targetMax}
                    domain={domain}
                  />
                  <span className="muted">
                    target {band} · {k.failed} failed of {k.judged}
                  </span>
                </div>
              );
            }}
          />
        );
      })}
    </tbody>
  );
}

export function FinanceRows({ columns }: { columns: GenerationColumn[] }) {
  return (
    <tbody>
      <Section title="Purchase options" columns={columns} />
      <Row
        label="Options by state"
        columns={columns}
        cell={({ generation, options }) =>
          options && (
            <BarList
              title={`${generation} options by state`}
              items={bars(
                options.optionsByState.map((s) => ({ key: s.state, count: s.count })),
                humanise,
              )}
              href={optionsOf}
            />
          )
        }
      />
      <Row
        label="Price"
        columns={columns}
        cell={({ options }) =>
          options?.price && `${formatMoney(options.price.unitPrice, options.price.currency)} (terms v${options.price.termsVersion})`
        }
      />
      <Row
        label="Committed spend"
        columns={columns}
        cell={({ options }) => options && <Link to={optionsOf('EXERCISED')}>{moneyInWords(options.committedSpend, money)}</Link>}
      />
      <Row
        label="Exposure"
        columns={columns}
        cell={({ options }) =>
          options && (
            <div className="figure">
              <Link to={optionsOf('EXERCISABLE')}>{moneyInWords(options.exposure.total, money)}</Link>
              <span className="muted">
                exercisable {moneyInWords(options.exposure.exercisable, money)};{' '}
                <Link to={optionsOf('PENDING_APPROVAL')}>pending approval</Link> {moneyInWords(options.exposure.pendingApproval, money)}
              </span>
            </div>
          )
        }
      />
      <Row
        label="TCO per performance unit"
        columns={columns}
        cell={({ generation, options }) => {
          const v = options?.value;
          if (!options) return null;
          if (!v) return <span className="muted">no cost targets</span>;
          const t = v.tcoPerPerformanceUnit;
          if (t.median === null) return <span className="muted">no option with a TCO yet; target {t.target ?? '—'}</span>;
          const unit = `${v.currency} per ${v.performanceUnit ?? 'unit'}`;
          const domain = [t.p10, t.p90, t.target].map(toNumber).filter((n): n is number => n !== null);
          return (
            <div className="figure">
              <span>
                {formatNumber(t.median)} {unit} median
              </span>
              <BandPlot
                label={`${generation} TCO per performance unit p10 ${t.p10} median ${t.median} p90 ${t.p90} against at most ${t.target}`}
                min={toNumber(t.p10)}
                p10={toNumber(t.p10)}
                median={toNumber(t.median)}
                p90={toNumber(t.p90)}
                max={toNumber(t.p90)}
                low={null}
                high={toNumber(t.target)}
                domain={domain}
              />
              <span className="muted">
                target ≤ {t.target === null ? '—' : formatNumber(t.target)} · p10–p90 {formatNumber(t.p10)}–{formatNumber(t.p90)}
              </span>
            </div>
          );
        }}
      />
      <Row
        label="Cost verdict pass rate"
        columns={columns}
        cell={({ generation, options }) => {
          const v = options?.value;
          if (!v || v.costVerdictPassRatePct === null) return null;
          return (
            <div className="figure">
              <Link to={optionsOf('EXERCISABLE')}>{formatPct(v.costVerdictPassRatePct)}</Link>
              <ShareBar
                pct={toNumber(v.costVerdictPassRatePct)}
                label={`${generation} cost verdict pass rate ${v.costVerdictPassRatePct} %`}
              />
              <span className="muted">
                {v.meets} meet, {v.misses} miss{v.incomplete ? `, ${v.incomplete} not judged` : ''}
              </span>
            </div>
          );
        }}
      />
      <Row
        label="Delivery → verdict"
        columns={columns}
        cell={({ options }) =>
          options &&
          (days(options.daysToVerdict.medianDays, options.daysToVerdict.p90Days) ?? <span className="muted">no verdict yet</span>)
        }
      />
    </tbody>
  );
}
