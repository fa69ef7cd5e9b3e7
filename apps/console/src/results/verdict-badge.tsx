/** A verdict or criterion result (PASS, FAIL, PENDING, …) as a coloured badge. */
export function VerdictBadge({ verdict }: { verdict: string }) {
  return <span className={`badge verdict-${verdict.toLowerCase()}`}>{verdict}</span>;
}

/** A criterion's metric cell, marking an optional criterion. */
export function CriterionMetricCell({ criterion }: { criterion: { metric: string; required: boolean } }) {
  return (
    <td>
      {criterion.metric}
      {!criterion.required && <span className="muted"> (optional)</span>}
    </td>
  );
}

/** A criterion's result cell: its badge and, when there is one, the reason. */
export function CriterionResultCell({ criterion }: { criterion: { result: string; reason?: string | null } }) {
  return (
    <td>
      <VerdictBadge verdict={criterion.result} />
      {criterion.reason && <span className="muted"> {criterion.reason}</span>}
    </td>
  );
}
