// Tags of any Image Builder resource, editable: rows of key and value, saved with TagResource for
// what was added or changed and UntagResource for what was removed.
import { useEffect, useState } from 'react';
import { ListTagsForResourceCommand, TagResourceCommand, UntagResourceCommand } from '@aws-sdk/client-imagebuilder';
import { useSession } from '../session';
import { errorText } from '../api';

export function TagsEditor({ arn }: { arn: string }) {
  const { client } = useSession();
  const [saved, setSaved] = useState<Record<string, string>>();
  const [rows, setRows] = useState<[string, string][]>([]);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const load = () =>
    client.send(new ListTagsForResourceCommand({ resourceArn: arn })).then(
      ({ tags = {} }) => (setSaved(tags), setRows(Object.entries(tags))),
      (e: unknown) => setError(errorText(e)),
    );
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, arn]);

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const next = Object.fromEntries(rows.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v]));
      const removed = Object.keys(saved ?? {}).filter((k) => !(k in next));
      const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => saved?.[k] !== v));
      if (removed.length) await client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: removed }));
      if (Object.keys(changed).length) await client.send(new TagResourceCommand({ resourceArn: arn, tags: changed }));
      await load();
      setEditing(false);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="tags-title">
      <div className="page-head">
        <h2 id="tags-title">Tags ({Object.keys(saved ?? {}).length})</h2>
        {editing ? null : (
          <button type="button" onClick={() => setEditing(true)}>
            Manage tags
          </button>
        )}
      </div>
      {error ? (
        <div className="error" role="alert">
          {error}
        </div>
      ) : null}
      {editing ? (
        <div data-testid="tags-editor">
          {rows.map(([k, v], i) => (
            <div className="row" key={i}>
              <div className="field">
                <label htmlFor={`tag-key-${i}`}>Key</label>
                <input id={`tag-key-${i}`} value={k} onChange={(e) => setRows(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))} />
              </div>
              <div className="field">
                <label htmlFor={`tag-value-${i}`}>Value</label>
                <input id={`tag-value-${i}`} value={v} onChange={(e) => setRows(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))} />
              </div>
              <button type="button" className="small" aria-label={`Remove tag ${k || i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                Remove
              </button>
            </div>
          ))}
          <div className="actions">
            <button type="button" onClick={() => setRows([...rows, ['', '']])}>
              Add tag
            </button>
            <button type="button" className="primary" disabled={busy} onClick={save}>
              {busy ? 'Saving…' : 'Save tags'}
            </button>
            <button type="button" onClick={() => (setRows(Object.entries(saved ?? {})), setEditing(false), setError(undefined))}>
              Cancel
            </button>
          </div>
        </div>
      ) : saved && Object.keys(saved).length ? (
        <div className="table-wrap" tabIndex={0}>
          <table data-testid="tags">
            <thead>
              <tr>
                <th>Key</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(saved).map(([k, v]) => (
                <tr key={k}>
                  <td>{k}</td>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">{saved ? 'No tags.' : 'Loading tags…'}</p>
      )}
    </section>
  );
}
