// The review step of the settings edit form: the server's diff of the proposed update against the
// stored settings (POST /_ibex/plan), per Region and account — which copies, launch permissions,
// SSM parameters, launch templates, exports and container targets are gained and lost — and the
// choice to save exactly that proposal or go back to editing.
import { useEffect, useRef } from 'react';
import type { DiffTargetKind, SettingsDiff, SettingsDiffChange } from '../../../src/client/index';
import { useWorld } from '../worldContext';
import { Link } from '../router';

const KIND: Record<DiffTargetKind, string> = {
  copy: 'AMI copy',
  launchPermission: 'Launch permission',
  ssmParameter: 'SSM parameter',
  launchTemplate: 'Launch template',
  export: 'S3 export',
  container: 'Container image',
};

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The changes grouped by Region, in the server's order (Region, account, change). */
function byRegion(changes: readonly SettingsDiffChange[]): [string, SettingsDiffChange[]][] {
  const out = new Map<string, SettingsDiffChange[]>();
  for (const c of changes) (out.get(c.region) ?? out.set(c.region, []).get(c.region)!).push(c);
  return [...out];
}

export function SettingsDiffPanel({
  diff,
  busy,
  onSave,
  onBack,
  cancelTo,
}: {
  diff: SettingsDiff;
  busy: boolean;
  onSave(): void;
  onBack(): void;
  cancelTo: string;
}) {
  const { world } = useWorld();
  const heading = useRef<HTMLHeadingElement>(null);
  // The review replaces the form's buttons: the focus moves to it so keyboard and screen-reader
  // users land on what changed.
  useEffect(() => heading.current?.focus(), [diff]);
  const accountName = (id: string) => world?.accounts.find((a) => a.id === id)?.name;
  const { gained, lost } = diff.summary;
  return (
    <section className="card" aria-labelledby="settings-diff-heading" data-testid="settings-diff">
      <h2 id="settings-diff-heading" ref={heading} tabIndex={-1}>
        Review the change
      </h2>
      {diff.changes.length ? (
        <p data-testid="settings-diff-summary">
          Saving gains {plural(gained, 'target')} and loses {plural(lost, 'target')}; {plural(diff.unchanged, 'target')} stay as they are.
        </p>
      ) : (
        <p data-testid="settings-diff-summary">
          No change to where images go: the edited settings deliver the same {plural(diff.unchanged, 'target')} (copies, launch permissions, parameters,
          templates and exports) as the stored ones.
        </p>
      )}
      {byRegion(diff.changes).map(([region, changes]) => (
        <div key={region}>
          <h3>{region}</h3>
          <div className="table-wrap" tabIndex={0} role="group" aria-label={`Changes in ${region}`}>
            <table data-testid={`settings-diff-${region}`}>
              <thead>
                <tr>
                  <th>Account</th>
                  <th>Change</th>
                  <th>What</th>
                  <th>Detail</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((c) => (
                  <tr key={`${c.change}:${c.key}`} data-change={c.change} data-kind={c.kind}>
                    <td>
                      <code>{c.accountId}</code>
                      {accountName(c.accountId) ? ` ${accountName(c.accountId)}` : ''}
                    </td>
                    <td>
                      <strong>{c.change === 'gain' ? 'Gains' : 'Loses'}</strong>
                    </td>
                    <td>{KIND[c.kind] ?? c.kind}</td>
                    <td>{c.title}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
      <div className="actions">
        <button type="button" className="primary" onClick={onSave} disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onBack} disabled={busy}>
          Back to editing
        </button>
        <Link className="button" to={cancelTo}>
          Cancel
        </Link>
      </div>
    </section>
  );
}
