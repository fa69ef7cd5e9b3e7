import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the data in place, e.g. after a live update read one item again. */
  setData(update: (current: T | undefined) => T | undefined): void;
}

/**
 * Loads data for a view and reloads when `deps` change. Answers to superseded requests are
 * dropped, so fast filter changes never show a stale list.
 */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): AsyncState<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setLoading(true);
    loader.current().then(
      (value) => {
        if (mine !== generation.current) return;
        setDataState(value);
        setError(undefined);
        setLoading(false);
      },
      (reason: unknown) => {
        if (mine !== generation.current) return;
        setError(reason);
        setLoading(false);
      },
    );
  }, []);

  // The caller lists what the load depends on, as with useEffect.
  useEffect(reload, deps);

  const setData = useCallback((update: (current: T | undefined) => T | undefined) => setDataState((current) => update(current)), []);
  return { data, error, loading, reload, setData };
}
