// World-file loading: YAML and JSON, and validation errors that name the bad field and its line.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadWorldFile, parseWorldText, WorldFileError } from '../../src/world/index.js';

function fails(text: string): WorldFileError {
  try {
    parseWorldText(text, 'w.yaml');
  } catch (e) {
    assert.ok(e instanceof WorldFileError, `expected WorldFileError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the world file to be rejected');
}

describe('world file loader', () => {
  it('loads the documented example file', () => {
    const spec = loadWorldFile(new URL('../../docs/examples/world.yaml', import.meta.url).pathname);
    assert.equal(spec.defaultAccountId, '123456789012');
    assert.equal(spec.organizations![0]!.units![0]!.units!.length, 2);
    assert.equal(spec.accounts!.length, 4);
  });

  it('loads JSON as well as YAML', () => {
    const spec = parseWorldText(
      JSON.stringify({
        regions: ['us-east-1'],
        accounts: [{ id: '123456789012', images: [{ region: 'us-east-1', imageId: 'ami-0123456789abcdef0', name: 'base' }] }],
      }),
      'w.json',
    );
    assert.equal(spec.accounts![0]!.images![0]!.name, 'base');
  });

  it('names the bad field and its line for an invalid account id', () => {
    const e = fails(['regions: [us-east-1]', 'accounts:', '  - id: "123"', '    name: tooling'].join('\n'));
    assert.equal(e.field, 'accounts[0].id');
    assert.equal(e.line, 3);
    assert.match(e.message, /^w\.yaml:3: accounts\[0\]\.id: "123" is not a 12-digit account id/);
  });

  it('names an unknown field with its line', () => {
    const e = fails(['regions: [us-east-1]', 'accounts:', '  - id: "123456789012"', '    imagez: []'].join('\n'));
    assert.equal(e.field, 'accounts[0].imagez');
    assert.equal(e.line, 4);
    assert.match(e.message, /unknown field 'imagez'/);
  });

  it('rejects a resource in a Region the world does not have, at its line', () => {
    const e = fails(
      [
        'regions: [us-east-1]',
        'accounts:',
        '  - id: "123456789012"',
        '    images:',
        '      - { region: eu-west-1, imageId: ami-0123456789abcdef0, name: base }',
      ].join('\n'),
    );
    assert.equal(e.field, 'accounts[0].images[0].region');
    assert.equal(e.line, 5);
  });

  it('rejects duplicate AMI names in one account and Region (InvalidAMIName.Duplicate)', () => {
    const e = fails(
      [
        'regions: [us-east-1]',
        'accounts:',
        '  - id: "123456789012"',
        '    images:',
        '      - { region: us-east-1, imageId: ami-0123456789abcdef0, name: base }',
        '      - { region: us-east-1, imageId: ami-0123456789abcdef1, name: base }',
      ].join('\n'),
    );
    assert.equal(e.field, 'accounts[0].images[1].name');
    assert.equal(e.line, 6);
    assert.match(e.message, /InvalidAMIName\.Duplicate/);
  });

  it('rejects an unquoted account id that YAML reads as a number, and says to quote it', () => {
    const e = fails(['accounts:', '  - id: 123456789012'].join('\n'));
    assert.equal(e.line, 2);
    assert.match(e.message, /quote account ids/);
  });

  it('rejects organization members that are not declared accounts, and launch permissions naming unknown OUs', () => {
    const e = fails(
      [
        'regions: [us-east-1]',
        'organizations:',
        '  - id: o-a1b2c3d4e5',
        '    managementAccountId: "123456789012"',
        '    units: [{ id: ou-a1b2-11111111, name: W, accounts: ["111122223333"] }]',
        'accounts:',
        '  - id: "123456789012"',
        '    images:',
        '      - region: us-east-1',
        '        imageId: ami-0123456789abcdef0',
        '        name: base',
        '        launchPermissions: { organizationalUnitArns: ["arn:aws:organizations::123456789012:ou/o-a1b2c3d4e5/ou-a1b2-99999999"] }',
      ].join('\n'),
    );
    assert.deepEqual(
      e.issues.map((i) => [i.path, i.line]),
      [
        ['organizations[0].units[0].accounts[0]', 5],
        ['accounts[0].images[0].launchPermissions.organizationalUnitArns[0]', 12],
      ],
    );
  });

  it('rejects a resource in a Region disabled for its account', () => {
    const e = fails(
      [
        'regions: [us-east-1, ap-east-1]',
        'accounts:',
        '  - id: "123456789012"',
        '    disabledRegions: [ap-east-1]',
        '    ecrRepositories: [{ region: ap-east-1, repositoryName: app }]',
      ].join('\n'),
    );
    assert.equal(e.field, 'accounts[0].ecrRepositories[0].region');
    assert.match(e.message, /disabled/);
  });

  it('reports YAML syntax errors with their line', () => {
    const e = fails(['regions: [us-east-1', 'accounts: []'].join('\n'));
    assert.ok(e.line !== undefined && e.line >= 1);
  });

  it('rejects negative or unknown timings', () => {
    const e = fails('timings: { copyImageMs: -1, warpMs: 3 }');
    assert.deepEqual(e.issues.map((i) => i.path).sort(), ['timings.copyImageMs', 'timings.warpMs']);
  });

  it('reports an unreadable file as a WorldFileError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ibex-world-'));
    assert.throws(() => loadWorldFile(join(dir, 'missing.yaml')), WorldFileError);
    writeFileSync(join(dir, 'bad.yaml'), 'defaultAccountId: nope\n');
    assert.throws(
      () => loadWorldFile(join(dir, 'bad.yaml')),
      (e: unknown) => e instanceof WorldFileError && /bad\.yaml:1: defaultAccountId/.test(e.message),
    );
  });
});
