// The reference XML writer of the world services: walks the model's shape description for every
// value (element names from `locationName`, wrapped or flattened lists, maps). The protocols write
// with the compiled writer in src/protocol/xml.ts instead; this walker is its specification, and
// test/protocol/xml-compiled.test.ts holds the two to byte-identical output.
import type { ServiceModel, WMember, WShape } from '../../src/model/world-shape.js';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

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
export function xmlMembersWalk(model: ServiceModel, shape: WShape, value: Record<string, unknown>): string {
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
      return `<${name}>${xmlMembersWalk(model, s, v as Record<string, unknown>)}</${name}>`;
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
