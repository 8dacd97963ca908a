// Ids and ARNs that wrap only between their parts (after ':' and '/'), never in the middle of an
// id such as ami-0abc… (the browser would otherwise break after a hyphen).
import { Fragment } from 'react';

export function Id({ value }: { value: string | undefined }) {
  if (!value) return <span className="muted">—</span>;
  const parts = value.split(/(?<=[:/])/);
  return (
    <span className="id">
      {parts.map((p, i) => (
        <Fragment key={i}>
          {/* A long part (an image name) may wrap rather than push the page wider than a phone. */}
          <span className={p.length > 28 ? 'long' : 'nowrap'}>{p}</span>
          {i < parts.length - 1 ? <wbr /> : null}
        </Fragment>
      ))}
    </span>
  );
}

/** Running text (a job's title) whose id-like parts — us-east-1, ami-0abc…, lt-0… — stay whole. */
export function Words({ value }: { value: string }) {
  // split() with a capturing group puts the id-like parts at the odd indexes.
  const parts = value.split(/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/);
  return (
    <>
      {parts.map((w, i) =>
        i % 2 === 1 ? (
          <span key={i} className="nowrap">
            {w}
          </span>
        ) : (
          <Fragment key={i}>{w}</Fragment>
        ),
      )}
    </>
  );
}
