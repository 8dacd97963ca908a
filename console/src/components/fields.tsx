// Form fields bound to a parameter path (`distributions[0].amiDistributionConfiguration.name`):
// each shows the server's validation message when the error names its path.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { splitList } from '../api';
import { plainMessage } from '../messages';
import type { Choice } from '../worldContext';
import { Words } from './Id';

/** The field error being shown: the path it belongs to and the message. */
export const FieldError = createContext<{ path?: string; message?: string }>({});

function Message({ path }: { path: string }) {
  const err = useContext(FieldError);
  if (err.path !== path || !err.message) return null;
  const plain = plainMessage(err.message, path);
  return (
    <span className="field-error" role="alert" id={`${path}-error`}>
      {plain ?? err.message}
      {plain ? (
        <details className="aws-message">
          <summary>Message from the service</summary>
          <code>{err.message}</code>
        </details>
      ) : null}
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

/** Suggestions for a text input (typing anything else stays allowed). */
function Options({ id, options }: { id: string; options?: Choice[] }) {
  if (!options?.length) return null;
  return (
    <datalist id={id}>
      {options.map((o) => (
        <option key={o.value} value={o.value} label={o.label} />
      ))}
    </datalist>
  );
}

export function TextField(p: {
  path: string;
  label: string;
  value: string | undefined;
  onChange(v: string): void;
  hint?: string;
  disabled?: boolean;
  multiline?: boolean;
  placeholder?: string;
  options?: Choice[];
}) {
  const err = useContext(FieldError);
  const common = {
    id: p.path,
    name: p.path,
    value: p.value ?? '',
    disabled: p.disabled,
    placeholder: p.placeholder,
    'aria-invalid': err.path === p.path,
    'aria-describedby': err.path === p.path ? `${p.path}-error` : undefined,
    ...(p.options?.length ? { list: `${p.path}-options` } : {}),
  };
  return (
    <Wrap path={p.path} label={p.label} {...(p.hint ? { hint: p.hint } : {})}>
      {p.multiline ? (
        <textarea {...common} rows={2} onChange={(e) => p.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => p.onChange(e.target.value)} />
      )}
      <Options id={`${p.path}-options`} options={p.options} />
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

export function SelectField(p: {
  path: string;
  label: string;
  value: string | undefined;
  options: (string | Choice)[];
  onChange(v: string): void;
  hint?: string;
}) {
  const opts = p.options.map((o) => (typeof o === 'string' ? { value: o, label: o || '—' } : o));
  // A value the list does not hold (e.g. a Region removed from the world) stays visible.
  if (p.value && !opts.some((o) => o.value === p.value)) opts.unshift({ value: p.value, label: p.value });
  return (
    <Wrap path={p.path} label={p.label} {...(p.hint ? { hint: p.hint } : {})}>
      <select id={p.path} value={p.value ?? ''} onChange={(e) => p.onChange(e.target.value)}>
        {opts.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

/**
 * A list picked from the world (accounts, OUs, ARNs) or typed: the chosen entries as removable
 * chips, and an input with suggestions; Enter, a comma or "Add" adds what was typed.
 */
export function TokenField(p: {
  path: string;
  label: string;
  value: string[] | undefined;
  options: Choice[];
  onChange(v: string[] | undefined): void;
  hint?: string;
  placeholder?: string;
}) {
  const err = useContext(FieldError);
  const [text, setText] = useState('');
  const values = p.value ?? [];
  const labelOf = (v: string) => p.options.find((o) => o.value === v)?.label ?? v;
  const add = (raw: string) => {
    const more = splitList(raw).filter((v) => !values.includes(v));
    if (more.length) p.onChange([...values, ...more]);
    setText('');
  };
  return (
    <Wrap path={p.path} label={p.label} {...(p.hint ? { hint: p.hint } : {})}>
      {values.length ? (
        <ul className="chips" aria-label={`${p.label}: chosen`}>
          {values.map((v) => (
            <li key={v} className="chip">
              {/* Region codes and account ids in a chip wrap only between words. */}
              <span className="chip-label">
                <Words value={labelOf(v)} />
              </span>
              <button
                type="button"
                className="chip-x"
                aria-label={`Remove ${labelOf(v)}`}
                onClick={() => p.onChange(values.filter((x) => x !== v).length ? values.filter((x) => x !== v) : undefined)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row tight">
        <input
          id={p.path}
          name={p.path}
          value={text}
          placeholder={p.placeholder ?? 'choose or type, then Enter'}
          list={`${p.path}-options`}
          aria-invalid={err.path === p.path}
          aria-describedby={err.path === p.path ? `${p.path}-error` : undefined}
          onChange={(e) => {
            const v = e.target.value;
            // Picking a suggestion fills the whole value: add it at once.
            if (p.options.some((o) => o.value === v)) add(v);
            else if (/[,\s]$/.test(v)) add(v);
            else setText(v);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add(text);
            }
          }}
          onBlur={() => text.trim() && add(text)}
        />
        <button type="button" className="small" onClick={() => add(text)} aria-label={`Add to ${p.label}`}>
          Add
        </button>
      </div>
      <Options id={`${p.path}-options`} options={p.options.filter((o) => !values.includes(o.value))} />
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
  const [text, setText] = useState(
    Object.entries(p.value ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  return (
    <TextField
      path={p.path}
      label={p.label}
      value={text}
      multiline
      hint="one key=value per line"
      onChange={(v) => {
        setText(v);
        const entries = v
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const i = l.indexOf('=');
            return i < 0 ? [l, ''] : [l.slice(0, i).trim(), l.slice(i + 1).trim()];
          });
        p.onChange(entries.length ? Object.fromEntries(entries) : undefined);
      }}
    />
  );
}
