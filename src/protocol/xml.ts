// XML on the wire for the world services (EC2 query, awsQuery, S3 rest-xml): a writer compiled
// once per output shape from the model (element names from `locationName`, wrapped or flattened
// lists, maps) and a small reader for request bodies (S3 CreateBucketConfiguration). No
// attributes are modelled. The writer makes exactly the bytes of the reference walker in
// test/protocol/xml-walk.ts (xml-compiled.test.ts), without looking the shape description up again
// for every value: a DescribeImages answer spent ~10% of its CPU walking it (docs/performance.md).
import type { ServiceModel, WMember, WShape } from '../model/world-shape.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const SPECIAL = /[&<>"']/;
/** Escapes text for element content. Most text has nothing to escape: one test, no copy. */
export const escapeXml = (s: string): string => (SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => ESC[c]!) : s);

/** Writes a value as its whole element (`<name>…</name>`; for a flattened list, the run of items). */
type ElementWriter = (v: unknown) => string;
/** Writes the members of a structure value as elements, in model order. */
type MembersWriter = (value: Record<string, unknown>) => string;

/** Compiled member writers, per model and structure shape (shapes are the model's own objects). */
const compiled = new WeakMap<ServiceModel, Map<WShape, MembersWriter>>();

/**
 * The members of a structure value as XML elements, in the model's member order. Members bound
 * to HTTP headers, the status or the URI (rest-xml) are not body elements and are skipped.
 */
export function xmlMembers(model: ServiceModel, shape: WShape, value: Record<string, unknown>): string {
  return membersWriter(model, shape)(value);
}

function membersWriter(model: ServiceModel, shape: WShape): MembersWriter {
  let byShape = compiled.get(model);
  if (!byShape) compiled.set(model, (byShape = new Map()));
  const done = byShape.get(shape);
  if (done) return done;
  // A recursive shape reaches itself while it is compiled: it calls through this stand-in.
  byShape.set(shape, (value) => real(value));
  const names: string[] = [];
  const writers: ElementWriter[] = [];
  for (const [name, m] of Object.entries(shape.members ?? {})) {
    if (m.location) continue;
    names.push(name);
    writers.push(elementWriter(model, m.locationName ?? name, m));
  }
  const n = names.length;
  const real: MembersWriter = (value) => {
    let out = '';
    for (let i = 0; i < n; i++) {
      const v = value[names[i]!];
      if (v !== undefined && v !== null) out += writers[i]!(v);
    }
    return out;
  };
  byShape.set(shape, real);
  return real;
}

function elementWriter(model: ServiceModel, name: string, m: WMember): ElementWriter {
  const s = model.shapes[m.shape]!;
  const open = `<${name}>`;
  const close = `</${name}>`;
  switch (s.type) {
    case 'structure': {
      const members = membersWriter(model, s);
      return (v) => open + members(v as Record<string, unknown>) + close;
    }
    case 'list': {
      const member = s.member!;
      // map + join as the walker does (holes and non-arrays behave the same).
      if (s.flattened || m.flattened) {
        const item = elementWriter(model, member.locationName ?? name, member);
        return (v) => (v as unknown[]).map(item).join('');
      }
      const item = elementWriter(model, member.locationName ?? 'member', member);
      return (v) => open + (v as unknown[]).map(item).join('') + close;
    }
    case 'map': {
      const key = elementWriter(model, s.key!.locationName ?? 'key', s.key!);
      const val = elementWriter(model, s.value!.locationName ?? 'value', s.value!);
      return (v) =>
        open +
        Object.entries(v as Record<string, unknown>)
          .map(([kk, vv]) => `<entry>${key(kk)}${val(vv)}</entry>`)
          .join('') +
        close;
    }
    case 'timestamp':
      return (v) => open + (v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v))).toISOString() + close;
    case 'boolean': {
      const yes = `${open}true${close}`;
      const no = `${open}false${close}`;
      return (v) => (v ? yes : no);
    }
    case 'blob':
      return (v) => open + (Buffer.isBuffer(v) ? v.toString('base64') : String(v)) + close;
    default:
      return (v) => open + escapeXml(typeof v === 'string' ? v : String(v)) + close;
  }
}

/** A parsed XML element: its name, children and text. */
export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const unescape = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );

/** Parses a small XML document; returns undefined when it is not well formed. */
export function parseXml(text: string): XmlNode | undefined {
  const src = text.replace(/<\?xml[^>]*\?>/, '').replace(/<!--[\s\S]*?-->/g, '');
  const stack: XmlNode[] = [{ name: '#doc', children: [], text: '' }];
  const re = /<(\/?)([A-Za-z_][\w.:-]*)([^>]*?)(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(src))) {
    if (m.index !== consumed) return undefined;
    consumed = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[5] !== undefined) {
      top.text += unescape(m[5]);
    } else if (m[1]) {
      if (top.name !== m[2] || stack.length < 2) return undefined;
      stack.pop();
    } else {
      const node: XmlNode = { name: m[2]!.replace(/^.*:/, ''), children: [], text: '' };
      top.children.push(node);
      if (!m[4]) stack.push(node);
    }
  }
  if (consumed !== src.length || stack.length !== 1) return undefined;
  const roots = stack[0]!.children;
  return roots.length === 1 ? roots[0] : undefined;
}
