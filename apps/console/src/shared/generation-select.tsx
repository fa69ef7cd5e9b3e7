import { intakeApi, type Generation } from '../api';
import { useAsync } from './use-async';

/** The generation catalogue, read once per view that needs it. */
export function useGenerations(): Generation[] {
  const { data } = useAsync(() => intakeApi.generations().then((page) => page.items), []);
  return data ?? [];
}

interface Props {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** Offer "All generations" as the empty choice (filters) or ask for one (forms). */
  allowAll?: boolean;
  required?: boolean;
}

export function GenerationSelect({ id, label, value, onChange, allowAll, required }: Props) {
  const generations = useGenerations();
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} required={required}>
        <option value="">{allowAll ? 'All generations' : 'Choose…'}</option>
        {generations.map((generation) => (
          <option key={generation.code} value={generation.code}>
            {generation.code} — {generation.name}
          </option>
        ))}
      </select>
    </span>
  );
}
