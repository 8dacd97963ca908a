// A list page as every resource has it: breadcrumbs, the title with its Create button, the
// loading and error states, the resource table (search, sort, select, paginate, Actions) and the
// delete of the selected rows behind a confirmation. A page states its columns, its data and its
// actions only.
import { useState, type ReactNode } from 'react';
import { useLoad, type Loaded } from '../hooks';
import { allPages } from '../api';
import { useSession } from '../session';
import { Link } from '../router';
import { Breadcrumbs } from './Breadcrumbs';
import { ErrorBox, Loading } from './Status';
import { ResourceTable, type Action, type TableProps } from './Table';
import { DeleteMany } from './DeleteMany';

/** Delete of the selected rows: DeleteMany with the resource's delete call, or a page's own dialog. */
export type ListDelete<T> = {
  /** The ARNs a delete of these rows removes. */
  arns(rows: T[]): string[];
} & (
  | {
      /** The resource in words, for the dialog: "image recipe". */
      what: string;
      run(arn: string): Promise<unknown>;
    }
  | { dialog(arns: string[], onClose: () => void, onDone: () => void): ReactNode }
);

export function ResourceList<T>(
  p: {
    title: string;
    /** The Create button's target and label. */
    create?: { to: string; label: string };
    /** What is loading, in words: "Loading recipes…". */
    loadingWhat: string;
    list: Loaded<T[]>;
    /** What stands between the title and the table (a note, an owner filter). */
    intro?: ReactNode;
    /** The error box's title when the list fails. */
    errorTitle?: string;
    /** Remounts the table (its search, sort and selection) when it changes. */
    tableKey?: string;
    /** Delete of the selected rows, offered last in the Actions menu. */
    remove?: ListDelete<T>;
    /** Dialogs of the page's own actions. */
    children?: ReactNode;
  } & Omit<TableProps<T>, 'rows' | 'label'>,
) {
  const { title, create, loadingWhat, list, intro, errorTitle, tableKey, remove, children, actions = [], ...table } = p;
  const [deleting, setDeleting] = useState<string[]>();
  const all: Action<T>[] = remove
    ? [...actions, { label: 'Delete', danger: true, enabled: (rows) => rows.length > 0, run: (rows) => setDeleting(remove.arns(rows)) }]
    : actions;
  const close = () => setDeleting(undefined);
  const done = () => (setDeleting(undefined), list.reload());
  return (
    <section>
      <Breadcrumbs items={[['Image Builder', '/settings'], [title]]} />
      <header className="page-head">
        <h1>{title}</h1>
        {create ? (
          <Link className="button primary" to={create.to}>
            {create.label}
          </Link>
        ) : null}
      </header>
      {intro}
      {list.loading && !list.data ? <Loading what={loadingWhat} /> : null}
      {list.error ? <ErrorBox error={list.error} {...(errorTitle ? { title: errorTitle } : {})} /> : null}
      {list.data ? <ResourceTable key={tableKey} label={title} rows={list.data} actions={all} {...table} /> : null}
      {remove && deleting ? (
        'dialog' in remove ? (
          remove.dialog(deleting, close, done)
        ) : (
          <DeleteMany what={remove.what} arns={deleting} run={remove.run} onClose={close} onDone={done} />
        )
      ) : null}
      {children}
    </section>
  );
}

export type Owner = 'Self' | 'Amazon';

/** The owner filter of lists that hold Amazon's resources too (components, workflows). */
export function OwnerFilter({ id, owner, onChange }: { id: string; owner: Owner; onChange(o: Owner): void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Owner</label>
      <select id={id} value={owner} onChange={(e) => onChange(e.target.value as Owner)}>
        <option value="Self">Owned by me</option>
        <option value="Amazon">Amazon-managed</option>
      </select>
    </div>
  );
}

type Client = ReturnType<typeof useSession>['client'];

/** The owner filter's state and every page of the list for the chosen owner (reloaded when it
 *  changes): `page` fetches one page of the list call. */
export function useOwnedList<T>(page: (client: Client, owner: Owner, nextToken?: string) => Promise<{ items?: T[]; nextToken?: string }>) {
  const { client } = useSession();
  const [owner, setOwner] = useState<Owner>('Self');
  const list = useLoad(() => allPages((nextToken) => page(client, owner, nextToken)), [client, owner]);
  return { owner, setOwner, list };
}
