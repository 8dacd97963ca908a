// The compiled XML writer (src/protocol/xml.ts) must write exactly the bytes of the reference
// walker (test/protocol/xml-walk.ts): for hand-made shapes covering every binding (nested
// structures, wrapped and flattened lists, locationName, maps, timestamps, booleans, blobs,
// escaping, empty lists, absent and null members, header-bound members, recursion) and for
// seeded random values of every output shape of every world model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pickWith, rng } from './seeded.js';
import type { ServiceModel, WShape } from '../../src/model/world-shape.js';
import { WORLD_MODELS } from '../../src/model/generated/world/index.js';
import { escapeXml, xmlMembers } from '../../src/protocol/xml.js';
import { xmlMembersWalk } from './xml-walk.js';

const MODEL: ServiceModel = {
  metadata: { apiVersion: '1', protocol: 'ec2', endpointPrefix: 't', serviceId: 'T' },
  operations: {},
  shapes: {
    Out: {
      type: 'structure',
      members: {
        Id: { shape: 'Str', locationName: 'id' },
        Plain: { shape: 'Str' },
        Count: { shape: 'Int', locationName: 'count' },
        Ratio: { shape: 'Dbl' },
        On: { shape: 'Bool', locationName: 'on' },
        When: { shape: 'Time', locationName: 'when' },
        Data: { shape: 'Blob' },
        Tags: { shape: 'TagList', locationName: 'tagSet' },
        Names: { shape: 'NameList' },
        Flat: { shape: 'FlatList' },
        MemberFlat: { shape: 'NameList', flattened: true, locationName: 'each' },
        Attrs: { shape: 'Attrs' },
        Inner: { shape: 'Inner', locationName: 'inner' },
        Header: { shape: 'Str', location: 'header', locationName: 'x-amz-thing' },
        Status: { shape: 'Int', location: 'statusCode' },
        State: { shape: 'Enum', locationName: 'state' },
      },
    },
    Str: { type: 'string' },
    Enum: { type: 'string', enum: ['a', 'b'] },
    Int: { type: 'integer' },
    Dbl: { type: 'double' },
    Bool: { type: 'boolean' },
    Time: { type: 'timestamp' },
    Blob: { type: 'blob' },
    Tag: { type: 'structure', members: { Key: { shape: 'Str', locationName: 'key' }, Value: { shape: 'Str', locationName: 'value' } } },
    TagList: { type: 'list', member: { shape: 'Tag', locationName: 'item' } },
    NameList: { type: 'list', member: { shape: 'Str' } },
    FlatList: { type: 'list', flattened: true, member: { shape: 'Str', locationName: 'Entry' } },
    Attrs: { type: 'map', key: { shape: 'Str', locationName: 'Name' }, value: { shape: 'Str', locationName: 'Value' } },
    Inner: {
      type: 'structure',
      members: { Child: { shape: 'Inner', locationName: 'child' }, Label: { shape: 'Str' }, Empty: { shape: 'EmptyStruct' }, Plain: { shape: 'PlainMap' } },
    },
    EmptyStruct: { type: 'structure', members: {} },
    PlainMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Int' } },
  },
};

const same = (model: ServiceModel, shape: WShape, value: Record<string, unknown>, what: string): void =>
  assert.equal(xmlMembers(model, shape, value), xmlMembersWalk(model, shape, value), what);

test('hand-made shapes: every binding writes the same bytes as the walker', () => {
  const out = MODEL.shapes.Out!;
  const values: Record<string, unknown>[] = [
    {},
    { Id: 'ami-1', Plain: 'p', Count: 3, Ratio: 1.5, On: true, When: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), Data: Buffer.from('héllo') },
    { Id: `a&b<c>d"e'f & again &amp;`, Plain: '\u2713 ✓ 𝄞', On: false, When: 0, Data: 'not-a-buffer' },
    { When: '2020-02-29T12:00:00Z', Count: 0, Ratio: -0, On: 1, State: 'a' },
    { When: 1_700_000_000_123, On: '', Count: Number.MAX_SAFE_INTEGER, Ratio: 1e21 },
    { Tags: [], Names: [], Flat: [], MemberFlat: [], Attrs: {} },
    {
      Tags: [{ Key: 'k', Value: 'v' }, { Key: 'k2' }, { Value: '<v>' }, {}],
      Names: ['a', 'b&c', ''],
      Flat: ['x', 'y'],
      MemberFlat: ['m1', 'm2'],
      Attrs: { one: '1', 'tw&o': '<2>' },
    },
    { Id: null, Plain: undefined, Tags: null, Inner: null, Header: 'not in the body', Status: 201 },
    { Inner: { Label: 'top', Empty: {}, Plain: { a: 1, b: 2 }, Child: { Label: 'mid', Child: { Label: 'deep', Child: {} } } } },
    { Names: ['ok', null, undefined, 7] },
    { Id: 42, Plain: true, Count: '12', On: 'yes' },
  ];
  for (const [i, v] of values.entries()) same(MODEL, out, v, `value ${i}`);
  // The reference and the compiled writer both refuse an invalid timestamp the same way.
  assert.throws(() => xmlMembers(MODEL, out, { When: 'not a date' }), RangeError);
  assert.throws(() => xmlMembersWalk(MODEL, out, { When: 'not a date' }), RangeError);
});

test('escapeXml escapes the five XML specials and leaves other text as it is', () => {
  assert.equal(escapeXml(`a&b<c>d"e'f`), 'a&amp;b&lt;c&gt;d&quot;e&apos;f');
  assert.equal(escapeXml('plain ✓'), 'plain ✓');
  assert.equal(escapeXml(''), '');
});

const TEXTS = ['', 'x', 'ami-0123456789abcdef0', 'a&b', '<tag>', `"q" 'a'`, '✓ 𝄞', 'line\nbreak', ' spaced '];

/** A random value of `shape`: members present, absent or null; lists empty or not; depth-bounded. */
function valueOf(model: ServiceModel, shapeName: string, r: () => number, depth: number): unknown {
  const s = model.shapes[shapeName]!;
  const pick = pickWith(r);
  switch (s.type) {
    case 'structure': {
      const o: Record<string, unknown> = {};
      if (depth > 4) return o;
      for (const [name, m] of Object.entries(s.members ?? {})) {
        const roll = r();
        if (roll < 0.3) continue;
        o[name] = roll < 0.35 ? null : valueOf(model, m.shape, r, depth + 1);
      }
      return o;
    }
    case 'list': {
      const n = depth > 4 ? 0 : pick([0, 0, 1, 2, 3]);
      return Array.from({ length: n }, () => valueOf(model, s.member!.shape, r, depth + 1));
    }
    case 'map': {
      const o: Record<string, unknown> = {};
      const n = depth > 4 ? 0 : pick([0, 1, 2]);
      for (let i = 0; i < n; i++) o[`${pick(TEXTS)}${i}`] = valueOf(model, s.value!.shape, r, depth + 1);
      return o;
    }
    case 'timestamp':
      return pick<unknown>([new Date(Math.floor(r() * 2e12)), Math.floor(r() * 2e12), new Date(Math.floor(r() * 2e12)).toISOString()]);
    case 'boolean':
      return r() < 0.5;
    case 'blob':
      return r() < 0.5 ? Buffer.from(pick(TEXTS)) : pick(TEXTS);
    case 'integer':
    case 'long':
      return Math.floor(r() * 1e6) - 1000;
    case 'double':
    case 'float':
      return r() * 100;
    case 'string':
      return s.enum && r() < 0.5 ? pick(s.enum) : pick(TEXTS);
    default:
      return pick(TEXTS);
  }
}

test('every output shape of every world model, 25 seeded random values each: the same bytes as the walker', () => {
  let compared = 0;
  for (const [service, model] of Object.entries(WORLD_MODELS)) {
    for (const op of Object.values(model.operations)) {
      if (!op.output) continue;
      const shape = model.shapes[op.output.shape]!;
      for (let seed = 1; seed <= 25; seed++) {
        const value = valueOf(model, op.output.shape, rng(seed * 7919 + op.name.length), 0) as Record<string, unknown>;
        same(model, shape, value, `${service} ${op.name} seed ${seed}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 500, `compared ${compared} outputs`);
});
