import { useState } from 'react';
import { COOLING_TYPES, intakeApi, type CoolingType, type NewGeneration } from '../api';
import { ErrorMessage } from '../errors/error-message';
import { DataTable, num } from '../shared/data-table';
import { formatPct } from '../shared/format';
import { TextField } from '../shared/text-field';
import { useAsync } from '../shared/use-async';
import { useSubmit } from '../shared/use-submit';

const EMPTY: NewGeneration = { code: '', name: '', cooling: 'air', rackPowerBudgetKw: '', gpusPerRack: 72, domesticContentTargetPct: '' };

export function GenerationsSection({ canEdit }: { canEdit: boolean }) {
  const generations = useAsync(() => intakeApi.generations().then((page) => page.items), []);
  const [draft, setDraft] = useState<NewGeneration>(EMPTY);
  const [status, setStatus] = useState('');

  const { error, submit } = useSubmit(async () => {
    const created = await intakeApi.registerGeneration({ ...draft, code: draft.code.trim().toUpperCase() });
    setStatus(`Generation ${created.code} registered.`);
    setDraft(EMPTY);
    generations.reload();
  });

  return (
    <section className="card" aria-labelledby="generations-title">
      <h2 id="generations-title">Generations</h2>
      <ErrorMessage error={generations.error} title="Generations" />
      <DataTable columns={['Code', 'Name', 'Cooling', num('Power budget'), num('GPUs'), num('Domestic target')]}>
        {(generations.data ?? []).map((g) => (
          <tr key={g.code}>
            <td>{g.code}</td>
            <td>{g.name}</td>
            <td>{g.cooling}</td>
            <td className="num">{g.rackPowerBudgetKw} kW</td>
            <td className="num">{g.gpusPerRack}</td>
            <td className="num">{formatPct(g.domesticContentTargetPct)}</td>
          </tr>
        ))}
      </DataTable>
      {canEdit && (
        <form onSubmit={submit} className="inline-form" aria-label="Register a generation">
          <TextField id="gen-code" label="Code" value={draft.code} onChange={(code) => setDraft({ ...draft, code })} placeholder="G4" />
          <TextField id="gen-name" label="Name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} />
          <span className="field">
            <label htmlFor="gen-cooling">Cooling</label>
            <select id="gen-cooling" value={draft.cooling} onChange={(e) => setDraft({ ...draft, cooling: e.target.value as CoolingType })}>
              {COOLING_TYPES.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </span>
          <TextField
            id="gen-power"
            label="Power budget (kW)"
            value={draft.rackPowerBudgetKw}
            onChange={(rackPowerBudgetKw) => setDraft({ ...draft, rackPowerBudgetKw })}
          />
          <TextField
            id="gen-gpus"
            label="GPUs per rack"
            value={String(draft.gpusPerRack)}
            onChange={(v) => setDraft({ ...draft, gpusPerRack: Number(v) || 0 })}
          />
          <TextField
            id="gen-target"
            label="Domestic target (%)"
            value={draft.domesticContentTargetPct}
            onChange={(domesticContentTargetPct) => setDraft({ ...draft, domesticContentTargetPct })}
          />
          <button type="submit" className="primary">
            Register
          </button>
          <ErrorMessage error={error} title="Not registered" />
          <p role="status">{status}</p>
        </form>
      )}
    </section>
  );
}
