import { useState } from 'react';
import { isNotFound, resultsApi, type RunArtifact } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { formatDateTime } from '../shared/format';
import { useAsync } from '../shared/use-async';

const SEVERITIES = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'FATAL'] as const;

/** The severities at or above `floor`: "Warning and worse" is what someone scanning a burn-in wants. */
const atLeast = (floor: string) => SEVERITIES.slice(SEVERITIES.indexOf(floor as (typeof SEVERITIES)[number]));

const shown = (value: RunArtifact['value']) =>
  typeof value === 'boolean' ? (value ? 'true' : 'false') : typeof value === 'string' ? `“${value}”` : String(value);

/**
 * What an OCPTV stream reported beside the charted numbers: boolean, string and unit-less
 * measurements with their validators' outcome, diagnoses, logs and errors (severity filter),
 * file references and the DUT inventory. `version` changes when live events say the run moved.
 */
export function RunArtifacts({ runId, version }: { runId: string; version: number }) {
  const [floor, setFloor] = useState<string>('INFO');
  const all = useAsync(() => resultsApi.artifacts(runId, ['MEASUREMENT', 'DIAGNOSIS', 'FILE']), [runId, version]);
  const logs = useAsync(() => resultsApi.artifacts(runId, ['LOG', 'ERROR'], atLeast(floor)), [runId, floor, version]);
  const dut = useAsync(() => resultsApi.dut(runId), [runId, version]);
  const items = all.data?.items ?? [];
  const measured = items.filter((a) => a.kind === 'MEASUREMENT');
  const diagnoses = items.filter((a) => a.kind === 'DIAGNOSIS');
  const files = items.filter((a) => a.kind === 'FILE');
  const d = dut.data?.dut as
    | {
        name?: string;
        platformInfos?: Array<{ info: string }>;
        softwareInfos?: Array<Record<string, string>>;
        hardwareInfos?: Array<Record<string, string>>;
      }
    | undefined;

  return (
    <>
      <section className="card" aria-labelledby="diagnoses-title">
        <h2 id="diagnoses-title">Diagnoses</h2>
        <ErrorMessage error={all.error} title="Artifacts" />
        {diagnoses.length === 0 ? (
          <p className="muted">No diagnoses reported.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Type</th>
                <th>Verdict</th>
                <th>Hardware</th>
                <th>Message</th>
                <th>At</th>
              </tr>
            </thead>
            <tbody>
              {diagnoses.map((a) => (
                <tr key={a.id}>
                  <td>
                    <span className={`badge verdict-${(a.level ?? '').toLowerCase()}`}>{a.level}</span>
                  </td>
                  <td>{a.name}</td>
                  <td>{a.component ?? '—'}</td>
                  <td>{a.message ?? ''}</td>
                  <td>{formatDateTime(a.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="other-measurements-title">
        <h2 id="other-measurements-title">Other measurements</h2>
        <p className="muted">Booleans, strings and numbers without a unit, as the harness reported them, with its own validators.</p>
        {measured.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th>Name</th>
                <th>Value</th>
                <th>Hardware</th>
                <th>Validators</th>
                <th>At</th>
              </tr>
            </thead>
            <tbody>
              {measured.map((a) => (
                <tr key={a.id}>
                  <td>{a.name}</td>
                  <td>
                    {shown(a.value)}
                    {a.unit ? ` ${a.unit}` : ''}
                  </td>
                  <td>{a.component ?? '—'}</td>
                  <td>
                    {a.validation ? (
                      <span className={`badge verdict-${a.validation.toLowerCase()}`}>
                        {a.validation}: {(a.validators ?? []).map((v) => `${v.name ?? v.type}${v.passed ? '' : ' failed'}`).join(', ')}
                      </span>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{formatDateTime(a.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="card" aria-labelledby="logs-title">
        <h2 id="logs-title">Logs and errors</h2>
        <label>
          Severity{' '}
          <select value={floor} onChange={(e) => setFloor(e.target.value)} aria-label="Lowest severity shown">
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s === 'DEBUG' ? 'everything' : `${s.toLowerCase()} and worse`}
              </option>
            ))}
          </select>
        </label>
        <ErrorMessage error={logs.error} title="Logs" />
        {(logs.data?.items ?? []).length === 0 ? (
          <p className="muted">No logs or errors at this severity.</p>
        ) : (
          <ul className="log-lines">
            {(logs.data?.items ?? []).map((a) => (
              <li key={a.id}>
                <span className={`badge severity-${(a.level ?? '').toLowerCase()}`}>
                  {a.kind === 'ERROR' ? `ERROR ${a.name}` : a.level}
                </span>{' '}
                {formatDateTime(a.at)} {a.stepId !== undefined ? `(step ${a.stepId}) ` : ''}
                {a.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="files-title">
        <h2 id="files-title">Files</h2>
        {files.length === 0 ? (
          <p className="muted">No files referenced.</p>
        ) : (
          <ul>
            {files.map((a) => (
              <li key={a.id}>
                {a.name} — <code>{a.uri}</code>
                {a.contentType ? ` (${a.contentType})` : ''}
                {a.message ? `: ${a.message}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="dut-title">
        <h2 id="dut-title">Device under test</h2>
        {isNotFound(dut.error) ? (
          <p className="muted">No DUT inventory yet (it comes with an OCPTV stream).</p>
        ) : (
          <ErrorMessage error={dut.error} title="DUT" />
        )}
        {d && (
          <>
            <p>
              {d.name ?? ''} {(d.platformInfos ?? []).map((p) => p.info).join(', ')}
            </p>
            <h3>Hardware</h3>
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Serial</th>
                  <th>Part</th>
                  <th>Manufacturer</th>
                  <th>Location</th>
                </tr>
              </thead>
              <tbody>
                {(d.hardwareInfos ?? []).map((h) => (
                  <tr key={h.hardwareInfoId}>
                    <td>{h.name}</td>
                    <td>{h.serialNumber ?? ''}</td>
                    <td>{h.partNumber ?? ''}</td>
                    <td>{h.manufacturer ?? ''}</td>
                    <td>{h.location ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3>Software and firmware</h3>
            <table>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Version</th>
                  <th>Revision</th>
                </tr>
              </thead>
              <tbody>
                {(d.softwareInfos ?? []).map((s) => (
                  <tr key={s.softwareInfoId}>
                    <td>{s.name}</td>
                    <td>{s.softwareType ?? ''}</td>
                    <td>{s.version ?? ''}</td>
                    <td>{s.revision ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </>
  );
}
