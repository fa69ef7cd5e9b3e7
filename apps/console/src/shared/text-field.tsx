/** A labelled, required text input in the forms' field layout; `type` for a date or number. */
export function TextField({
  id,
  label,
  value,
  onChange,
  placeholder,
  type,
}: {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  type?: string;
}) {
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} required />
    </span>
  );
}
