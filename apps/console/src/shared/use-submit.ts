import { useState, type FormEvent } from 'react';

/**
 * A form's submit: `action` runs once the form is `ready` (a submit before that does nothing), with
 * `busy` set meanwhile; what it throws is kept in `error` for the form's ErrorMessage, cleared on the next try.
 */
export function useSubmit(
  action: () => Promise<void>,
  ready: unknown = true,
): { busy: boolean; error: unknown; submit(event: FormEvent): Promise<void> } {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return { busy, error, submit };
}
