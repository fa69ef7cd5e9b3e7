import { formatPct } from '../shared/format';

/** Domestic content as a bar with the generation's target marked on it. */
export function DomesticContentMeter({ pct, targetPct, met }: { pct: string; targetPct: string; met: boolean }) {
  const value = Math.min(100, Math.max(0, Number(pct)));
  const target = Math.min(100, Math.max(0, Number(targetPct)));
  return (
    <div className="meter-wrap">
      <div
        className="meter"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-label="Domestic content"
        aria-valuetext={`${formatPct(pct)}, target ${formatPct(targetPct)}, ${met ? 'meets' : 'below'} target`}
      >
        <div className={`meter-fill ${met ? 'ok-bg' : 'warn-bg'}`} style={{ width: `${value}%` }} />
        <div className="meter-target" style={{ left: `${target}%` }} aria-hidden="true" />
      </div>
      <p>
        <strong>{formatPct(pct)}</strong> US-origin by cost — target {formatPct(targetPct)}{' '}
        <span className={met ? 'ok' : 'warn'}>{met ? '(meets target)' : '(below target)'}</span>
      </p>
    </div>
  );
}
