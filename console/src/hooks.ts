// Data loading with loading and error states and optional polling, on TanStack Query (query.ts):
// a load is a query keyed by its call site and its deps; it polls every `pollMs` while
// `poll` says so and refetches after any write.
import { useId } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { errorText } from './api';
import { queryClient } from './query';

export interface Loaded<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
  reload(): void;
}

/** A stable key part for a dep: objects (clients, records) by identity, the rest by value. */
const ids = new WeakMap<object, number>();
let nextId = 0;
function keyOf(dep: unknown): unknown {
  if (dep !== null && (typeof dep === 'object' || typeof dep === 'function')) {
    if (!ids.has(dep)) ids.set(dep, ++nextId);
    return `#${ids.get(dep)}`;
  }
  return dep === undefined ? null : dep;
}

/** Loads with `fn` when `deps` change (and every `pollMs` while `poll` is true). */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[], pollMs?: number, poll?: (d: T | undefined) => boolean): Loaded<T> {
  const site = useId();
  // TanStack Query keeps no `undefined` data, which some loaders answer: the value travels boxed.
  const q = useQuery<{ value: T }>(
    {
      // The call site (one per component instance and hook) and its deps say which data it loads.
      queryKey: ['load', site, ...deps.map(keyOf)],
      queryFn: async () => ({ value: await fn() }),
      // As before TanStack: what was loaded stays on screen while new deps load.
      placeholderData: keepPreviousData,
      refetchInterval: (query) => (pollMs && (!poll || poll(query.state.data?.value)) ? pollMs : false),
    },
    queryClient,
  );
  return {
    data: q.data?.value,
    error: q.error ? errorText(q.error) : undefined,
    loading: q.isPending,
    reload: () => void q.refetch(),
  };
}
