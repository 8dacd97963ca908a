// The resource table every list uses, as the AWS console's: a search box, sortable columns,
// row selection, pages of 10 (a new sort or search starts again at page 1, as the AWS console
// does) and an Actions menu acting on the selected rows.
import { Words } from './Id';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export interface Column<T> {
  id: string;
  header: string;
  /** Text used to search and sort by (and shown when there is no `cell`). */
  value(row: T): string;
  cell?(row: T): ReactNode;
  className?: string;
}

export interface Action<T> {
  label: string;
  /** Whether the action applies to these selected rows (default: exactly one). */
  enabled?(rows: T[]): boolean;
  run(rows: T[]): void;
  danger?: boolean;
}

/** A menu button: opens with Enter/Space/click, arrows move, Escape closes and returns focus. */
export function ActionsMenu<T>({ actions, selected, label = 'Actions' }: { actions: Action<T>[]; selected: T[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (open) menu.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
  }, [open]);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="menu-wrap" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node) && setOpen(false)}>
      <button type="button" ref={button} aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <ul
          role="menu"
          ref={menu}
          className="menu"
          aria-label={label}
          onKeyDown={(e) => {
            const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? [])];
            const i = items.indexOf(document.activeElement as HTMLButtonElement);
            if (e.key === 'Escape') close();
            else if (e.key === 'ArrowDown') (items[(i + 1) % items.length] ?? items[0])?.focus();
            else if (e.key === 'ArrowUp') (items[(i - 1 + items.length) % items.length] ?? items[0])?.focus();
            else return;
            e.preventDefault();
          }}
        >
          {actions.map((a) => {
            const ok = a.enabled ? a.enabled(selected) : selected.length === 1;
            return (
              <li role="none" key={a.label}>
                <button
                  type="button"
                  role="menuitem"
                  disabled={!ok}
                  className={a.danger ? 'danger-text' : ''}
                  onClick={() => {
                    setOpen(false);
                    a.run(selected);
                  }}
                >
                  {a.label}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}

export interface TableProps<T> {
  label: string;
  rows: T[];
  rowKey(row: T): string;
  rowName(row: T): string;
  columns: Column<T>[];
  actions?: Action<T>[];
  toolbar?: ReactNode;
  empty: ReactNode;
  pageSize?: number;
  testId?: string;
  searchPlaceholder?: string;
  initialSort?: { column: string; dir: 'ascending' | 'descending' };
}

export function ResourceTable<T>(p: TableProps<T>) {
  const pageSize = p.pageSize ?? 10;
  const [q, setQ] = useState('');
  const [sort, setSort] = useState(p.initialSort);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hit = needle ? p.rows.filter((r) => p.columns.some((c) => c.value(r).toLowerCase().includes(needle))) : [...p.rows];
    const col = p.columns.find((c) => c.id === sort?.column);
    if (col) hit.sort((a, b) => col.value(a).localeCompare(col.value(b), undefined, { numeric: true }) * (sort!.dir === 'ascending' ? 1 : -1));
    return hit;
  }, [p.rows, p.columns, q, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  const at = Math.min(page, pages - 1);
  const shown = rows.slice(at * pageSize, at * pageSize + pageSize);
  // Selection survives reloads only for rows that still exist.
  const keys = new Set(p.rows.map(p.rowKey));
  const chosen = p.rows.filter((r) => selected.has(p.rowKey(r)));
  // One state update for any number of rows: "select every row on this page" toggles them all at
  // once (one update per row from the same stale set kept only the last).
  const toggle = (ks: string[], on: boolean) => {
    const next = new Set([...selected].filter((x) => keys.has(x)));
    for (const k of ks) {
      if (on) next.add(k);
      else next.delete(k);
    }
    setSelected(next);
  };
  const pageAll = shown.length > 0 && shown.every((r) => selected.has(p.rowKey(r)));
  return (
    <div className="resource-table">
      <div className="toolbar">
        <label className="search">
          <span className="sr-only">Search {p.label}</span>
          <input
            type="search"
            value={q}
            onChange={(e) => (setQ(e.target.value), setPage(0))}
            placeholder={p.searchPlaceholder ?? `Search ${p.label.toLowerCase()}`}
          />
        </label>
        <span className="muted" aria-live="polite">
          {rows.length === p.rows.length ? `${rows.length} ${rows.length === 1 ? 'item' : 'items'}` : `${rows.length} of ${p.rows.length} items`} ·{' '}
          {chosen.length} selected
        </span>
        <div className="actions">
          {p.actions?.length ? <ActionsMenu actions={p.actions} selected={chosen} /> : null}
          {p.toolbar}
        </div>
      </div>
      {p.rows.length === 0 ? (
        <p className="empty">{typeof p.empty === 'string' ? <Words value={p.empty} /> : p.empty}</p>
      ) : rows.length === 0 ? (
        <p className="empty">Nothing matches “{q}”.</p>
      ) : (
        <div className="table-wrap" tabIndex={0}>
          <table data-testid={p.testId} aria-label={p.label}>
            <thead>
              <tr>
                {p.actions?.length ? (
                  <th className="select">
                    <input
                      type="checkbox"
                      aria-label="Select every row on this page"
                      checked={pageAll}
                      onChange={(e) => toggle(shown.map(p.rowKey), e.target.checked)}
                    />
                  </th>
                ) : null}
                {p.columns.map((c) => {
                  const dir = sort?.column === c.id ? sort.dir : undefined;
                  return (
                    <th key={c.id} aria-sort={dir ?? 'none'}>
                      <button
                        type="button"
                        className="sort"
                        onClick={() => (setSort({ column: c.id, dir: dir === 'ascending' ? 'descending' : 'ascending' }), setPage(0))}
                      >
                        {c.header}
                        <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ↕'}</span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => {
                const k = p.rowKey(r);
                return (
                  <tr key={k} className={selected.has(k) ? 'selected' : ''}>
                    {p.actions?.length ? (
                      <td className="select">
                        <input
                          type="checkbox"
                          aria-label={`Select ${p.rowName(r)}`}
                          checked={selected.has(k)}
                          onChange={(e) => toggle([k], e.target.checked)}
                        />
                      </td>
                    ) : null}
                    {p.columns.map((c) => (
                      <td key={c.id} className={c.className}>
                        {c.cell ? c.cell(r) : <Words value={c.value(r)} />}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={`${p.label} pages`}>
          <button type="button" className="small" disabled={at === 0} onClick={() => setPage(at - 1)}>
            Previous page
          </button>
          <span>
            Page {at + 1} of {pages}
          </span>
          <button type="button" className="small" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
            Next page
          </button>
        </nav>
      ) : null}
    </div>
  );
}
