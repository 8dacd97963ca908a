// Deletes resources one by one behind a confirmation that names each; the first error stops and
// is shown (a resource still in use says what to remove first).
import { ConfirmDialog } from './Dialog';
import { Id } from './Id';

/** Deletes resources one by one behind a confirmation; the first error stops and is shown. */
export function DeleteMany(p: { what: string; arns: string[]; run(arn: string): Promise<unknown>; onClose(): void; onDone(): void }) {
  return (
    <ConfirmDialog
      title={p.arns.length === 1 ? `Delete ${p.what} ${p.arns[0]!.split('/').slice(1).join(' ')}?` : `Delete ${p.arns.length} ${p.what}s?`}
      confirmLabel="Delete"
      onClose={p.onClose}
      explain={(e) => {
        const err = e as { name?: string; message?: string };
        return err.name === 'ResourceDependencyException'
          ? `${err.name}: ${err.message} — something still uses it (a pipeline or a recipe); remove that first.`
          : `${err.name ?? 'Error'}: ${err.message}`;
      }}
      onConfirm={async () => {
        for (const a of p.arns) await p.run(a);
        p.onDone();
      }}
    >
      <p>This cannot be undone.</p>
      <ul>
        {p.arns.map((a) => (
          <li key={a}>
            <Id value={a} />
          </li>
        ))}
      </ul>
    </ConfirmDialog>
  );
}
