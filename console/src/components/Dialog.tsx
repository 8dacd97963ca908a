// A confirmation dialog (the native <dialog>, so focus stays inside it and Escape closes it) for
// deletes: it names what goes, explains what the delete cannot undo, and shows the server's error.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { errorText } from '../api';

export function ConfirmDialog(p: {
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  closeLabel?: string;
  onConfirm(): Promise<void>;
  onClose(): void;
  explain?: (e: unknown) => string;
  /** Keeps the confirm button off (e.g. until a plan has been shown). */
  confirmDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal?.();
    return () => d?.close?.();
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="dialog-title" onCancel={p.onClose}>
      <h2 id="dialog-title">{p.title}</h2>
      {p.children}
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : null}
      <div className="actions end">
        <button type="button" onClick={p.onClose} autoFocus>
          {p.closeLabel ?? 'Cancel'}
        </button>
        <button
          type="button"
          className="danger-fill"
          disabled={busy || p.confirmDisabled}
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            try {
              await p.onConfirm();
            } catch (e) {
              setError(p.explain ? p.explain(e) : errorText(e));
              setBusy(false);
            }
          }}
        >
          {busy ? 'Working…' : p.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
