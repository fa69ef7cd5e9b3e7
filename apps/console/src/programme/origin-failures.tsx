import { formatPct } from '../shared/format';
import type { OriginLine } from './programme-figures';

function Lines({ lines }: { lines: OriginLine[] }) {
  return (
    <>
      {lines.map((line) => (
        <li key={line.key}>
          <span>
            <strong>{line.label}</strong> {line.failed} of {line.concluded} failed
            {line.failureRatePct !== null && ` (${formatPct(line.failureRatePct)})`}
            <span className="muted"> · {line.failedRuns} failed runs</span>
          </span>
        </li>
      ))}
    </>
  );
}

/** A generation's failures by lot or by supplier: racks whose evaluation failed of those concluded, failed runs beside. */
export function OriginFailureList({
  title,
  lines,
  folded,
  noun,
}: {
  title: string;
  lines: OriginLine[];
  folded: OriginLine[];
  noun: string;
}) {
  if (!lines.length) return <span className="muted">no evaluation concluded</span>;
  return (
    <div className="figure">
      <ul className="bar-list" aria-label={title}>
        <Lines lines={lines} />
      </ul>
      {folded.length > 0 && (
        <details>
          <summary className="muted">
            {folded.length} more {noun}
          </summary>
          <ul className="bar-list" aria-label={`${title}, more`}>
            <Lines lines={folded} />
          </ul>
        </details>
      )}
    </div>
  );
}
