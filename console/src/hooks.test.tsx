// useLoad on TanStack Query: a loader answering undefined is data, not an error; a write
// (afterWrite) makes what is on screen load again; polling stops once `poll` says so.
import { describe, expect, it } from 'vitest';
import { act, render, waitFor } from '@testing-library/react';
import { useLoad } from './hooks';
import { afterWrite } from './query';

function Probe({ load, pollMs, poll }: { load: () => Promise<number | undefined>; pollMs?: number; poll?: (d: number | undefined) => boolean }) {
  const got = useLoad<number | undefined>(load, [], pollMs, poll);
  return <p data-testid="probe">{got.loading ? 'loading' : got.error ? `error ${got.error}` : `data ${String(got.data)}`}</p>;
}

describe('useLoad', () => {
  it('keeps an undefined answer as data and shows a failure as its message', async () => {
    const a = render(<Probe load={async () => undefined} />);
    await waitFor(() => expect(a.getByTestId('probe').textContent).toBe('data undefined'));
    const b = render(<Probe load={() => Promise.reject(new Error('nope'))} />);
    await waitFor(() => expect(b.getAllByTestId('probe')[1]!.textContent).toBe('error nope'));
  });

  it('loads again after a write', async () => {
    let n = 0;
    const r = render(<Probe load={async () => ++n} />);
    await waitFor(() => expect(r.getByTestId('probe').textContent).toBe('data 1'));
    await act(async () => afterWrite());
    await waitFor(() => expect(r.getByTestId('probe').textContent).toBe('data 2'));
  });

  it('polls while poll says so, then stops', async () => {
    let n = 0;
    const r = render(<Probe load={async () => ++n} pollMs={5} poll={(d) => (d ?? 0) < 3} />);
    await waitFor(() => expect(r.getByTestId('probe').textContent).toBe('data 3'));
    await new Promise((res) => setTimeout(res, 50));
    expect(n).toBe(3);
  });
});
