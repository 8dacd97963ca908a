// XML on the wire for the world services (EC2 query, awsQuery, S3 rest-xml): a writer driven by
// the model's shapes (element names from `locationName`, wrapped or flattened lists, maps) and a
// small reader for request bodies (S3 CreateBucketConfiguration). No attributes are modelled.
import type { ServiceModel, WMember, WShape } from '../model/world-shape.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Escapes text for element content. */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

function scalar(v: unknown, s: WShape): string {
  if (s.type === 'timestamp') {
    const d = v instanceof Date ? v : new Date(typeof v === 'number' ? v : String(v));
    return d.toISOString();
  }
  if (s.type === 'boolean') return v ? 'true' : 'false';
  if (s.type === 'blob') return Buffer.isBuffer(v) ? v.toString('base64') : String(v);
  return escapeXml(String(v));
}

/**
 * The members of a structure value as XML elements, in the model's member order. Members bound
 * to HTTP headers, the status or the URI (rest-xml) are not body elements and are skipped.
 */
export function xmlMembers(model: ServiceModel, shape: WShape, value: Record<string, unknown>): string {
  let out = '';
  for (const [name, m] of Object.entries(shape.members ?? {})) {
    const v = value[name];
    if (v === undefined || v === null || m.location) continue;
    out += xmlElement(model, m.locationName ?? name, m, v);
  }
  return out;
}

function xmlElement(model: ServiceModel, name: string, m: WMember, v: unknown): string {
  const s = model.shapes[m.shape]!;
  switch (s.type) {
    case 'structure':
      return `<${name}>${xmlMembers(model, s, v as Record<string, unknown>)}</${name}>`;
    case 'list': {
      const items = v as unknown[];
      const member = s.member!;
      if (s.flattened || m.flattened) return items.map((i) => xmlElement(model, member.locationName ?? name, member, i)).join('');
      const item = member.locationName ?? 'member';
      return `<${name}>${items.map((i) => xmlElement(model, item, member, i)).join('')}</${name}>`;
    }
    case 'map': {
      const k = s.key!;
      const val = s.value!;
      const entries = Object.entries(v as Record<string, unknown>)
        .map(([kk, vv]) => `<entry>${xmlElement(model, k.locationName ?? 'key', k, kk)}${xmlElement(model, val.locationName ?? 'value', val, vv)}</entry>`)
        .join('');
      return `<${name}>${entries}</${name}>`;
    }
    default:
      return `<${name}>${scalar(v, s)}</${name}>`;
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
