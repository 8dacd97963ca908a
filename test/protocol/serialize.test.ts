// serializeOutput must write exactly what JSON.stringify writes, with or without registered
// (preserialized) values, and only frozen values may be registered.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { preserialized, serializeOutput } from '../../src/protocol/serialize.js';

test('the same text as JSON.stringify, member order and omitted members included', () => {
  const outputs: object[] = [
    {},
    { requestId: 'r', distributionConfiguration: { arn: 'a', name: 'n "quoted" \u2713', distributions: [{ region: 'us-east-1' }], tags: {} } },
    { requestId: 'r', nextToken: undefined, list: [], n: 0, ok: false, nothing: null, fn: () => 1 },
    { 'odd "key"': 1, date: new Date(0) },
  ];
  for (const o of outputs) assert.equal(serializeOutput(o), JSON.stringify(o));
});

test('a registered value is written from its stored text, and the result still equals JSON.stringify', () => {
  const config = preserialized(Object.freeze({ arn: 'arn:x', tags: Object.freeze({ k: 'v' }) }));
  const out = { requestId: 'abc', distributionConfiguration: config };
  assert.equal(serializeOutput(out), JSON.stringify(out));
  assert.equal(serializeOutput({ requestId: 'x', list: [config] }), JSON.stringify({ requestId: 'x', list: [config] }));
});

test('a value that is not frozen cannot be registered', () => {
  assert.throws(() => preserialized({ a: 1 }), /frozen/);
});
