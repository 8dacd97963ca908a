// Loading and error states shared by every page.
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, title }: { error: string; title?: string }) {
  return (
    <div className="error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {error}
    </div>
  );
}
