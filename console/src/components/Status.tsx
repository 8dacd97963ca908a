// Loading and error states shared by every page.
import { Words } from './Id';
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
      {/* A refusal names job keys (ami:us-west-2:…) and ids: they stay whole. */}
      <Words value={error} />
    </div>
  );
}
