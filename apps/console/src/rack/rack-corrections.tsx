import type { RackCorrection } from '../api';
import { formatDateTime } from '../shared/format';

/** The rack's record corrections, newest first: what changed, why, and domestic content before and after. */
export function RackCorrections({ corrections }: { corrections: RackCorrection[] }) {
  if (!corrections.length) return null;
  return (
    <section aria-labelledby="corrections-title">
      <h3 id="corrections-title">Record corrections</h3>
      <ul className="plain">
        {corrections.map((correction) => (
          <li key={correction.id}>
            {formatDateTime(correction.correctedAt)} — {correction.correctedBy} corrected {correction.changed.join(', ')}:{' '}
            {correction.reason}
            <span className="muted">
              {' '}
              (lot {correction.before.lot} → {correction.after.lot}, site {correction.before.site} → {correction.after.site}, domestic
              content {correction.before.domesticContentPct} % → {correction.after.domesticContentPct} %)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
