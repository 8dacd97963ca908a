// parseQuery must decode exactly as URLSearchParams does (it replaced it on the request path):
// '+' as space, UTF-8 escapes, repeated keys, empty values, and malformed escapes kept literally.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../src/protocol/query.js';

const CASES = [
  '',
  'a=1',
  'distributionConfigurationArn=arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Adistribution-configuration%2Fx',
  'a=1&a=2&b=3',
  'a=&b',
  '&&a=1&&',
  'k=hello+world&k2=a%2Bb',
  'n%C3%A9=%E2%9C%93',
  'bad=%ZZ&ok=1',
  'bad=%C3&ok=%41',
  'x=1=2',
  '=v',
  'filters=a&filters=b&filters=c',
];

test('parseQuery answers get/getAll exactly as URLSearchParams for every case', () => {
  for (const raw of CASES) {
    const ours = parseQuery(raw);
    const ref = new URLSearchParams(raw);
    const names = new Set([...ref.keys(), 'missing', 'a', 'bad']);
    for (const name of names) {
      assert.equal(ours.get(name), ref.get(name), `get(${name}) of '${raw}'`);
      assert.deepEqual(ours.getAll(name), ref.getAll(name), `getAll(${name}) of '${raw}'`);
    }
  }
});

test('getAll returns a fresh list each time', () => {
  const q = parseQuery('a=1&a=2');
  q.getAll('a').push('3');
  assert.deepEqual(q.getAll('a'), ['1', '2']);
});
