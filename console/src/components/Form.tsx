// The frame of every create/edit form: breadcrumbs, title, the server's error at the field its
// parameter path names (or at the top), and the submit and cancel buttons.
import { useState, type ReactNode } from 'react';
import { errorText, parameterPath } from '../api';
import { Link } from '../router';
import { FieldError } from './fields';
import { Breadcrumbs } from './Breadcrumbs';
import { ErrorBox } from './Status';

/** The closest path on the page to the one an error names (the form may not have every leaf). */
export function closestFieldPath(path: string): string | undefined {
  let p = path;
  for (let i = 0; i < 20 && p; i++) {
    if (document.querySelector(`[data-path="${p.replace(/["\\]/g, '\\$&')}"]`)) return p;
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return undefined;
}

export function FormPage(p: {
  crumbs: [string, string?][];
  title: string;
  submitLabel: string;
  cancelTo: string;
  onSubmit(): Promise<void>;
  children: ReactNode;
}) {
  const [error, setError] = useState<{ path?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await p.onSubmit();
        } catch (err) {
          const message = errorText(err);
          const named = parameterPath(message);
          const path = named ? closestFieldPath(named) : undefined;
          setError({ ...(path ? { path } : {}), message });
          if (path) setTimeout(() => (document.getElementById(path) as HTMLElement | null)?.focus(), 0);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Breadcrumbs items={p.crumbs} />
      <h1>{p.title}</h1>
      {error && !error.path ? <ErrorBox error={error.message} /> : null}
      {error?.path ? (
        <p className="muted" role="status">
          The server rejected one field; see the message below it.
        </p>
      ) : null}
      <FieldError.Provider value={error?.path ? { path: error.path, message: error.message } : {}}>
        <div className="card">{p.children}</div>
      </FieldError.Provider>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : p.submitLabel}
        </button>
        <Link className="button" to={p.cancelTo}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
