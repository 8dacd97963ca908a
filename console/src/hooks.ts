// Data loading with loading and error states, optional polling (bounded to while mounted).
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './api';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** Runs `fn` when `deps` change (and every `pollMs` while `poll` is true). */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[], pollMs?: number, poll?: (d: T | undefined) => boolean): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const reload = useCallback(() => setTick((t) => t + 1), []);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      fnRef.current().then(
        (d) => {
          if (!live) return;
          setData(d);
          setError(undefined);
          setLoading(false);
          if (pollMs && (!poll || poll(d))) timer = setTimeout(run, pollMs);
        },
        (e: unknown) => {
          if (!live) return;
          setError(errorText(e));
          setLoading(false);
        },
      );
    };
    setLoading(true);
    run();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data, error, loading, reload };
}
