// Form fields bound to a parameter path (`distributions[0].amiDistributionConfiguration.name`):
// each shows the server's validation message when the error names its path.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { splitList } from '../api';

/** The field error being shown: the path it belongs to and the message. */
export const FieldError = createContext<{ path?: string; message?: string }>({});

function Message({ path }: { path: string }) {
  const err = useContext(FieldError);
  if (err.path !== path) return null;
  return (
    <span className="field-error" role="alert" id={`${path}-error`}>
      {err.message}
    </span>
  );
}

function Wrap({ path, label, hint, children }: { path: string; label: string; hint?: string; children: ReactNode }) {
  const err = useContext(FieldError);
  return (
    <div className={`field${err.path === path ? ' invalid' : ''}`} data-path={path}>
      <label htmlFor={path}>{label}</label>
      {children}
      {hint ? <small className="hint">{hint}</small> : null}
      <Message path={path} />
    </div>
  );
}

export function TextField(p: { path: string; label: string; value: string | undefined; onChange(v: string): void; hint?: string; disabled?: boolean; multiline?: boolean; placeholder?: string }) {
  const err = useContext(FieldError);
  const common = {
    id: p.path,
    name: p.path,
    value: p.value ?? '',
    disabled: p.disabled,
    placeholder: p.placeholder,
    'aria-invalid': err.path === p.path,
    'aria-describedby': err.path === p.path ? `${p.path}-error` : undefined,
  };
  return (
    <Wrap path={p.path} label={p.label} {...(p.hint ? { hint: p.hint } : {})}>
      {p.multiline ? <textarea {...common} rows={2} onChange={(e) => p.onChange(e.target.value)} /> : <input {...common} onChange={(e) => p.onChange(e.target.value)} />}
    </Wrap>
  );
}

export function NumberField(p: { path: string; label: string; value: number | undefined; onChange(v: number | undefined): void }) {
  return (
    <Wrap path={p.path} label={p.label}>
      <input id={p.path} type="number" value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
    </Wrap>
  );
}

export function CheckField(p: { path: string; label: string; value: boolean | undefined; onChange(v: boolean): void }) {
  return (
    <div className="field check" data-path={p.path}>
      <label>
        <input id={p.path} type="checkbox" checked={Boolean(p.value)} onChange={(e) => p.onChange(e.target.checked)} /> {p.label}
      </label>
      <Message path={p.path} />
    </div>
  );
}

export function SelectField(p: { path: string; label: string; value: string | undefined; options: string[]; onChange(v: string): void }) {
  return (
    <Wrap path={p.path} label={p.label}>
      <select id={p.path} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value)}>
        {p.options.map((o) => (
          <option key={o} value={o}>
            {o || '—'}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/** A list edited as comma- or space-separated text; the text is kept while typing. */
export function ListField(p: { path: string; label: string; value: string[] | undefined; onChange(v: string[] | undefined): void; hint?: string }) {
  const [text, setText] = useState((p.value ?? []).join(', '));
  useEffect(() => {
    if (splitList(text).join(',') !== (p.value ?? []).join(',')) setText((p.value ?? []).join(', '));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.value]);
  return (
    <TextField
      path={p.path}
      label={p.label}
      value={text}
      hint={p.hint ?? 'comma-separated'}
      onChange={(v) => {
        setText(v);
        const l = splitList(v);
        p.onChange(l.length ? l : undefined);
      }}
    />
  );
}

/** A string map edited as `key=value` lines. */
export function MapField(p: { path: string; label: string; value: Record<string, string> | undefined; onChange(v: Record<string, string> | undefined): void }) {
  const [text, setText] = useState(Object.entries(p.value ?? {}).map(([k, v]) => `${k}=${v}`).join('\n'));
  return (
    <TextField
      path={p.path}
      label={p.label}
      value={text}
      multiline
      hint="one key=value per line"
      onChange={(v) => {
        setText(v);
        const entries = v.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
          const i = l.indexOf('=');
          return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
        });
        p.onChange(entries.length ? Object.fromEntries(entries) : undefined);
      }}
    />
  );
}
