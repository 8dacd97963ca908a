// Form (query) decoding of the EC2 and awsQuery protocols: parseForm's key and value decoding
// ('+', escapes, malformed escapes kept as sent, later duplicates win) and decodeForm's wire keys
// per protocol (EC2: queryName or capitalised locationName, lists flattened; awsQuery: member
// name, `.member.N`), which are worked out once per shape and must read the same as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WORLD_MODELS } from '../../src/model/generated/world/index.js';
import { decodeForm, parseForm, type FormOptions } from '../../src/protocol/form-input.js';
import { WorldError } from '../../src/protocol/world-error.js';

test('parseForm decodes keys and values, keeps malformed escapes as sent, and lets a later duplicate win', () => {
  const p = parseForm('Action=DescribeImages&ImageId.1=ami-1&a+b=c+d&n%C3%A9=%E2%9C%93&bad=%ZZ+x&dup=1&dup=2&bare&&=v');
  assert.deepEqual(
    [...p],
    [
      ['Action', 'DescribeImages'],
      ['ImageId.1', 'ami-1'],
      ['a b', 'c d'],
      ['né', '✓'],
      ['bad', '%ZZ+x'],
      ['dup', '2'],
      ['bare', ''],
      ['', 'v'],
    ],
  );
});

const EC2: FormOptions = { ec2: true, badValue: (k, v, t) => new WorldError('InvalidParameterValue', `${k}=${v} not ${t}`) };
const QUERY: FormOptions = { ec2: false, badValue: (k, v, t) => new WorldError('MalformedInput', `${k}=${v} not ${t}`) };

test('EC2 DescribeImages: flattened lists, nested filter values, booleans, and the keys read', () => {
  const params = parseForm(
    'Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-1&ImageId.2=ami-2&Owner.1=self&Filter.1.Name=name&Filter.1.Value.1=img-*&Filter.1.Value.2=x&Filter.2.Name=state&IncludeDeprecated=true&MaxResults=7',
  );
  const used = new Set<string>();
  const input = decodeForm(WORLD_MODELS.ec2!, 'DescribeImagesRequest', params, EC2, used);
  assert.deepEqual(input, {
    ImageIds: ['ami-1', 'ami-2'],
    Owners: ['self'],
    Filters: [{ Name: 'name', Values: ['img-*', 'x'] }, { Name: 'state' }],
    IncludeDeprecated: true,
    MaxResults: 7,
  });
  assert.deepEqual(
    [...used].sort(),
    ['Filter.1.Name', 'Filter.1.Value.1', 'Filter.1.Value.2', 'Filter.2.Name', 'ImageId.1', 'ImageId.2', 'IncludeDeprecated', 'MaxResults', 'Owner.1'].sort(),
  );
  // A list stops at the first missing index; a value of the wrong type is the caller's error.
  assert.deepEqual(decodeForm(WORLD_MODELS.ec2!, 'DescribeImagesRequest', parseForm('ImageId.1=a&ImageId.3=c'), EC2, new Set()), { ImageIds: ['a'] });
  assert.throws(
    () => decodeForm(WORLD_MODELS.ec2!, 'DescribeImagesRequest', parseForm('MaxResults=ten'), EC2, new Set()),
    (e: WorldError) => e.code === 'InvalidParameterValue' && e.message === 'MaxResults=ten not integer',
  );
});

test('awsQuery: member names and `.member.N` lists, an empty list as the bare key', () => {
  const iam = WORLD_MODELS.iam!;
  const op = Object.values(iam.operations).find((o) => o.name === 'CreateRole')!;
  const used = new Set<string>();
  const input = decodeForm(
    iam,
    op.input!.shape,
    parseForm('RoleName=r&AssumeRolePolicyDocument=%7B%7D&Tags.member.1.Key=k&Tags.member.1.Value=v&Tags.member.2.Key=k2&MaxSessionDuration=3600'),
    QUERY,
    used,
  );
  assert.deepEqual(input, { RoleName: 'r', AssumeRolePolicyDocument: '{}', MaxSessionDuration: 3600, Tags: [{ Key: 'k', Value: 'v' }, { Key: 'k2' }] });
  const empty = new Set<string>();
  assert.deepEqual(decodeForm(iam, op.input!.shape, parseForm('RoleName=r&Tags='), QUERY, empty), { RoleName: 'r', Tags: [] });
  assert.ok(empty.has('Tags'));
});
