// The console's one TanStack Query cache: every load goes through it (hooks.ts), and every write
// — an Image Builder command that is not a Get or List, a state-changing admin call — marks all
// loaded data stale so that what is on screen refetches.
import { QueryClient } from '@tanstack/react-query';

export const queryClient = new QueryClient({
  defaultOptions: {
    // The server's error is the answer: show it at once (the SDK client already retries throttling).
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

/**
 * After a write: everything loaded may have changed. Deferred past the writer's own continuation,
 * so that a page it navigates away from (a deleted resource's) is gone before the refetch.
 */
export function afterWrite(): void {
  setTimeout(() => void queryClient.invalidateQueries(), 0);
}

/** True for an Image Builder command that only reads. */
export const isRead = (commandName: string | undefined): boolean => /^(Get|List)/.test(commandName ?? '');
